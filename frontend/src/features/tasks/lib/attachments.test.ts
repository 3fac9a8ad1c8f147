import { describe, expect, it } from 'vitest';
import { attachmentProblem, reportProgressBody } from './attachments';

describe('report attachments', () => {
  it('maps each file to its place in the input', () => {
    const files = [new File(['a'], 'a.pdf'), new File(['bb'], 'b.pdf')];
    const body = reportProgressBody('mutation ReportProgress { x }', { taskId: 'T', text: 'x', progress: 40 }, files);
    const operations = JSON.parse(body.get('operations') as string) as {
      variables: { input: { attachments: unknown[]; progress: number } };
    };
    expect(operations.variables.input).toMatchObject({ attachments: [null, null], progress: 40 });
    expect(JSON.parse(body.get('map') as string)).toEqual({
      '0': ['variables.input.attachments.0'],
      '1': ['variables.input.attachments.1'],
    });
    expect((body.get('1') as File).name).toBe('b.pdf');
  });

  it('refuses more files than the server takes, in the reader’s language', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, size: 1 }));
    expect(attachmentProblem(many, 'vi')).toBe('Chỉ đính kèm được tối đa 10 tệp.');
    expect(attachmentProblem(many, 'en')).toBe('At most 10 files can be attached.');
    expect(attachmentProblem(many.slice(0, 2), 'en')).toBeNull();
  });

  it('names a file that is too large', () => {
    expect(attachmentProblem([{ name: 'video.mp4', size: 51 * 1024 * 1024 }], 'en')).toBe(
      'File video.mp4 is larger than 50 MB.',
    );
  });
});
