import { describe, expect, it, vi } from 'vitest';
import { AttachDocumentMutation } from '../features/meetings/operations';
import { ReportProgressMutation } from '../features/tasks/operations';
import { createGraphqlClients } from './graphqlClient';
import { localProblem, mutationProblem, problemMessages, runMutation } from './mutations';

const t = (key: string) => `«${key}»`;

describe('mutationProblem', () => {
  it('is nothing when the payload has no errors', () => {
    expect(mutationProblem({}, { errors: [] })).toBeNull();
  });

  it('shows the server’s UserError messages and names the field', () => {
    const errors = [{ code: 'PROGRESS_DECREASED', message: 'Tiến độ không được giảm', field: ['input', 'progress'] }];
    const problem = mutationProblem({}, { errors });
    expect(problem).toEqual({ kind: 'user', errors, field: 'progress' });
    expect(problem && problemMessages(problem, t)).toEqual(['Tiến độ không được giảm']);
  });

  it('reads the one refusal shape: top-level FORBIDDEN with its reason and the server’s words', () => {
    const error = {
      graphQLErrors: [
        {
          message: 'Chỉ bộ phận thư ký được làm việc này.',
          extensions: { code: 'FORBIDDEN', reason: 'NOT_SECRETARIAT' },
        },
      ],
    };
    const problem = mutationProblem({ error }, null);
    expect(problem).toEqual({
      kind: 'refused',
      reason: 'NOT_SECRETARIAT',
      message: 'Chỉ bộ phận thư ký được làm việc này.',
    });
    expect(problem && problemMessages(problem, t)).toEqual(['Chỉ bộ phận thư ký được làm việc này.']);
  });

  it('says "no access" for a refusal without words (HTTP 403 of an upload)', () => {
    const problem = mutationProblem({ error: { response: { status: 403 } } }, null);
    expect(problem).toEqual({ kind: 'refused', reason: null, message: null });
    expect(problem && problemMessages(problem, t)).toEqual(['«error.forbidden»']);
  });

  it('maps other request errors to their generic message, with the request id of an internal error', () => {
    const internal = {
      graphQLErrors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' } }],
    };
    expect(mutationProblem({ error: internal }, null)).toEqual({
      kind: 'request',
      error: 'internal',
      requestId: 'r-1',
    });
    expect(mutationProblem({ error: { networkError: new Error('down') } }, null)).toMatchObject({ error: 'network' });
    expect(mutationProblem({}, null)).toEqual({ kind: 'request', error: 'unknown', requestId: null });
  });

  it('shows a check made before sending like a UserError', () => {
    const problem = localProblem('Chỉ đính kèm được tối đa 10 tệp.', 'attachments');
    expect(problem).toMatchObject({ kind: 'user', field: 'attachments' });
    expect(problemMessages(problem, t)).toEqual(['Chỉ đính kèm được tối đa 10 tệp.']);
  });
});

/** The app's own client (its exchanges and fetch), answering with `reply`. */
function clientAnswering(reply: unknown, status = 200) {
  const fetch = vi.fn<(url: RequestInfo | URL, init?: RequestInit) => Promise<Response>>(() =>
    Promise.resolve(new Response(JSON.stringify(reply), { status, headers: { 'Content-Type': 'application/json' } })),
  );
  const { client } = createGraphqlClients({
    url: 'http://x/graphql',
    wsUrl: 'ws://x/graphql',
    fetch,
    getAccessToken: () => Promise.resolve('token'),
    getLanguage: () => 'vi',
    onUnauthenticated: vi.fn(),
    // Never opened (no subscription here), but graphql-ws wants one on Node.
    webSocketImpl: Object.assign(() => undefined, {
      CONNECTING: 0,
      OPEN: 1,
      CLOSING: 2,
      CLOSED: 3,
    }),
  });
  return { client, fetch };
}

describe('runMutation (one path for every change, files included)', () => {
  it('sends files as a GraphQL multipart request: null in operations, the map, then the files', async () => {
    const { client, fetch } = clientAnswering({ data: { reportProgress: { task: null, errors: [] } } });
    const files = [new File(['a'], 'a.pdf'), new File(['bb'], 'b.pdf')];
    await runMutation(
      client,
      ReportProgressMutation,
      { input: { taskId: 'T', text: 'x', progress: 40, attachments: files } },
      (d) => d.reportProgress,
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const body = fetch.mock.calls[0]?.[1]?.body;
    expect(body).toBeInstanceOf(FormData);
    const form = body as FormData;
    const operations = JSON.parse(form.get('operations') as string) as {
      variables: { input: { attachments: unknown[]; progress: number } };
    };
    expect(operations.variables.input).toMatchObject({ attachments: [null, null], progress: 40 });
    expect(JSON.parse(form.get('map') as string)).toEqual({
      '0': ['variables.input.attachments.0'],
      '1': ['variables.input.attachments.1'],
    });
    expect((form.get('1') as File).name).toBe('b.pdf');
  });

  it('gives the payload on success and the refusal when the server refuses an upload', async () => {
    const ok = clientAnswering({ data: { attachDocument: { file: { id: 'F', name: 'a.pdf' }, errors: [] } } });
    const file = new File(['a'], 'a.pdf');
    const variables = { input: { agendaItemId: 'A', confidentiality: 'INTERNAL' as const, file } };
    const done = await runMutation(ok.client, AttachDocumentMutation, variables, (d) => d.attachDocument);
    expect(done.problem).toBeNull();
    expect(done.payload?.file?.name).toBe('a.pdf');

    const refused = clientAnswering({
      data: { attachDocument: null },
      errors: [
        {
          message: 'Only the secretariat may do this.',
          path: ['attachDocument'],
          extensions: { code: 'FORBIDDEN', reason: 'NOT_SECRETARIAT' },
        },
      ],
    });
    const no = await runMutation(refused.client, AttachDocumentMutation, variables, (d) => d.attachDocument);
    expect(no.problem).toEqual({
      kind: 'refused',
      reason: 'NOT_SECRETARIAT',
      message: 'Only the secretariat may do this.',
    });
  });
});
