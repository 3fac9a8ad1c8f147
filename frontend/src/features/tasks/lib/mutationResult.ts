import type { ErrorLike } from '../../../lib/errors';
import { classifyError, messageKeyFor } from '../../../lib/errors';
import type { MessageKey } from '../../../app/i18n/messages';

/**
 * What a mutation's outcome means for a form: nothing went wrong (null), or the message to
 * show — the server's own UserError text (already in the request's language), or the
 * generic message of a transport / GraphQL error.
 */
export type MutationProblem =
  { kind: 'user'; message: string; field: string | null } | { kind: 'error'; key: MessageKey };

export function mutationProblem(
  result: { error?: ErrorLike | null; data?: unknown },
  payload: { errors: readonly { message: string; field?: readonly string[] | null }[] } | null | undefined,
): MutationProblem | null {
  if (result.error) return { kind: 'error', key: messageKeyFor(classifyError(result.error) ?? 'unknown') };
  if (!payload) return { kind: 'error', key: 'error.unknown' };
  const first = payload.errors[0];
  if (first)
    return {
      kind: 'user',
      message: payload.errors.map((e) => e.message).join(' '),
      field: first.field?.[first.field.length - 1] ?? null,
    };
  return null;
}
