import { print } from 'graphql';
import { authFetch } from '../../../app/services';
import { ReportProgressMutation } from '../operations';
import { reportProgressBody } from './attachments';
import type { MutationProblem } from './mutationResult';

interface ReportResponse {
  data?: { reportProgress?: { task: unknown; errors: { message: string; field?: string[] | null }[] } | null } | null;
  errors?: { extensions?: { code?: string } }[];
}

/**
 * `reportProgress` with attachments, as a GraphQL multipart request through the same
 * authenticating fetch as every other request (bearer token, Accept-Language, one refresh on
 * 401). The caller refetches the task afterwards (urql's cache did not see this request).
 */
export async function reportProgressWithFiles(
  input: { taskId: string; text: string; progress: number },
  files: readonly File[],
): Promise<MutationProblem | null> {
  const body = reportProgressBody(print(ReportProgressMutation), input, files);
  let json: ReportResponse;
  try {
    const response = await authFetch('/graphql', { method: 'POST', body, headers: { Accept: 'application/json' } });
    json = (await response.json()) as ReportResponse;
  } catch {
    return { kind: 'error', key: 'error.network' };
  }
  const payload = json.data?.reportProgress;
  const first = payload?.errors[0];
  if (first)
    return {
      kind: 'user',
      message: payload.errors.map((e) => e.message).join(' '),
      field: first.field?.[first.field.length - 1] ?? null,
    };
  if (payload?.task) return null;
  return {
    kind: 'error',
    key: json.errors?.[0]?.extensions?.code === 'FORBIDDEN' ? 'error.forbidden' : 'error.unknown',
  };
}
