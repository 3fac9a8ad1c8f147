import { describe, expect, it } from 'vitest';
import { buildMultipartBody } from './multipart';

describe('buildMultipartBody (GraphQL multipart request)', () => {
  it('puts null where the file goes, maps the field to the path and appends the file', async () => {
    const file = new File(['%PDF-1.4'], 'to-trinh.pdf', { type: 'application/pdf' });
    const body = buildMultipartBody(
      'mutation Attach($input: AttachDocumentInput!) { attachDocument(input: $input) { errors { code } } }',
      { input: { agendaItemId: 'item-1', confidentiality: 'INTERNAL' } },
      [{ path: 'variables.input.file', file }],
      'Attach',
    );
    const keys = [...body.keys()];
    expect(keys).toEqual(['operations', 'map', '0']);
    const operations = JSON.parse(body.get('operations') as string) as {
      operationName: string;
      variables: { input: Record<string, unknown> };
    };
    expect(operations.operationName).toBe('Attach');
    expect(operations.variables.input).toEqual({ agendaItemId: 'item-1', confidentiality: 'INTERNAL', file: null });
    expect(JSON.parse(body.get('map') as string)).toEqual({ '0': ['variables.input.file'] });
    const sent = body.get('0');
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe('to-trinh.pdf');
    expect(await (sent as File).text()).toBe('%PDF-1.4');
  });

  it('does not change the caller’s variables', () => {
    const variables = { input: { agendaItemId: 'x' } };
    buildMultipartBody('mutation { x }', variables, [{ path: 'variables.input.file', file: new Blob(['a']) }]);
    expect(variables).toEqual({ input: { agendaItemId: 'x' } });
  });

  it('numbers several files in order', () => {
    const body = buildMultipartBody('mutation { x }', {}, [
      { path: 'variables.a', file: new Blob(['1']), name: 'a.txt' },
      { path: 'variables.b', file: new Blob(['2']), name: 'b.txt' },
    ]);
    expect(JSON.parse(body.get('map') as string)).toEqual({ '0': ['variables.a'], '1': ['variables.b'] });
    expect((body.get('1') as File).name).toBe('b.txt');
  });

  it('refuses a path outside the variables', () => {
    expect(() => buildMultipartBody('q', {}, [{ path: 'query', file: new Blob([]) }])).toThrow();
  });
});
