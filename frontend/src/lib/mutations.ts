import type { AnyVariables, Client, DocumentInput } from 'urql';
import type { ErrorKind, ErrorLike } from './errors';
import { classifyError, requestIdOf } from './errors';

/**
 * What a mutation's outcome means for the UI — the one place every page and form reads it.
 *
 * The API answers a mutation in three ways (README, "Errors"):
 * - the payload's `errors: [UserError!]!` — a business rule said no (state, validation);
 *   the messages are already in the request's language;
 * - a top-level error `FORBIDDEN` with `extensions.reason` (`NOT_SECRETARIAT`, `NOT_ASSIGNER`,
 *   …) and a localised message — the viewer may not do this at all (the one refusal shape);
 * - any other request failure (network, rate limit, internal error with a request id).
 *
 * Files need nothing special: a `File` anywhere in the variables makes urql's fetchExchange
 * send the GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)
 * through the same authenticating fetch as every other request, so uploads are mutations too.
 */
export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

export interface PayloadLike {
  errors: readonly UserErrorLike[];
}

export type MutationProblem =
  /** The payload's UserErrors; `field` is the last segment of the first error's path. */
  | { kind: 'user'; errors: readonly UserErrorLike[]; field: string | null }
  /** Top-level FORBIDDEN: `reason` is the API's code, `message` its localised text (if any). */
  | { kind: 'refused'; reason: string | null; message: string | null }
  /** The request failed: the kind decides the generic message; internal errors carry an id. */
  | { kind: 'request'; error: ErrorKind; requestId: string | null };

/** The refusal in an error (top-level FORBIDDEN or HTTP 403), with its reason and message. */
export function refusalOf(
  error: ErrorLike | null | undefined,
): { reason: string | null; message: string | null } | null {
  if (!error || classifyError(error) !== 'forbidden') return null;
  const forbidden = error.graphQLErrors?.find((e) => e.extensions?.code === 'FORBIDDEN');
  const reason = forbidden?.extensions?.reason;
  const message = forbidden?.message;
  return {
    reason: typeof reason === 'string' && reason !== '' ? reason : null,
    message: typeof message === 'string' && message.trim() !== '' ? message : null,
  };
}

export function mutationProblem(
  result: { error?: ErrorLike | null },
  payload: PayloadLike | null | undefined,
): MutationProblem | null {
  if (result.error) {
    const refusal = refusalOf(result.error);
    if (refusal) return { kind: 'refused', ...refusal };
    return { kind: 'request', error: classifyError(result.error) ?? 'unknown', requestId: requestIdOf(result.error) };
  }
  if (!payload) return { kind: 'request', error: 'unknown', requestId: null };
  const first = payload.errors[0];
  if (first) return { kind: 'user', errors: payload.errors, field: first.field?.[first.field.length - 1] ?? null };
  return null;
}

/** A check the form made before sending (same look as the server's UserErrors). */
export function localProblem(message: string, field: string | null = null): MutationProblem {
  return { kind: 'user', errors: [{ code: 'INVALID', message, field: field ? [field] : null }], field };
}

/** The problem's text for people: the server's own words, else the message of its kind. */
export function problemMessages(problem: MutationProblem, t: (key: `error.${ErrorKind}`) => string): string[] {
  if (problem.kind === 'user') return [...new Set(problem.errors.map((e) => e.message))];
  if (problem.kind === 'refused') return [problem.message ?? t('error.forbidden')];
  return [t(`error.${problem.error}`)];
}

/** Runs one mutation and reads its payload: the data on success, else what went wrong. */
export async function runMutation<D, V extends AnyVariables, P extends PayloadLike>(
  client: Client,
  document: DocumentInput<D, V>,
  variables: V,
  pick: (data: D) => P | null | undefined,
): Promise<{ data: D; payload: P; problem: null } | { data: D | null; payload: null; problem: MutationProblem }> {
  const result = await client.mutation(document, variables).toPromise();
  const payload = result.data ? pick(result.data) : null;
  const problem = mutationProblem(result, payload);
  if (problem || !result.data || !payload) {
    return {
      data: result.data ?? null,
      payload: null,
      problem: problem ?? { kind: 'request', error: 'unknown', requestId: null },
    };
  }
  return { data: result.data, payload, problem: null };
}
