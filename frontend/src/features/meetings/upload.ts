import { print } from 'graphql';
import { authFetch } from '../../app/services';
import type { Clearance } from '../../gql/graphql';
import type { UserErrorLike } from './hooks/useAction';
import { buildMultipartBody } from './logic/multipart';
import { AttachDocumentMutation } from './operations';

export type UploadResult =
  | { ok: true; fileName: string }
  | { ok: false; errors: readonly UserErrorLike[] }
  | { ok: false; failure: 'network' | 'server' | 'forbidden' };

interface AttachResponse {
  data?: { attachDocument?: { file: { name: string } | null; errors: UserErrorLike[] } | null } | null;
  errors?: { extensions?: { code?: string } }[];
}

/**
 * `attachDocument` as a GraphQL multipart request, through the same authenticating fetch as
 * every other request (bearer token, Accept-Language, one refresh on 401).
 */
export async function attachDocument(args: {
  agendaItemId: string;
  file: File;
  confidentiality: Clearance;
}): Promise<UploadResult> {
  const body = buildMultipartBody(
    print(AttachDocumentMutation),
    { input: { agendaItemId: args.agendaItemId, confidentiality: args.confidentiality } },
    [{ path: 'variables.input.file', file: args.file }],
    'AttachDocument',
  );
  let response: Response;
  try {
    response = await authFetch('/graphql', { method: 'POST', body, headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, failure: 'network' };
  }
  let json: AttachResponse;
  try {
    json = (await response.json()) as AttachResponse;
  } catch {
    return { ok: false, failure: 'server' };
  }
  const payload = json.data?.attachDocument;
  if (payload?.file) return { ok: true, fileName: payload.file.name };
  if (payload && payload.errors.length > 0) return { ok: false, errors: payload.errors };
  const code = json.errors?.[0]?.extensions?.code;
  return { ok: false, failure: code === 'FORBIDDEN' ? 'forbidden' : 'server' };
}
