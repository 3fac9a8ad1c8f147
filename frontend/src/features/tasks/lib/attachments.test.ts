import { describe, expect, it } from 'vitest';
import type { I18n } from '../../../app/i18n/useI18n';
import { translate } from '../../../app/i18n/messages';
import { attachmentProblem, formatSize } from './attachments';

const vi: I18n['t'] = (key, params) => translate('vi', key, params);
const en: I18n['t'] = (key, params) => translate('en', key, params);

describe('report attachments', () => {
  it('refuses more files than the server takes, in the reader’s language', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, size: 1 }));
    expect(attachmentProblem(many, vi)).toBe('Chỉ đính kèm được tối đa 10 tệp.');
    expect(attachmentProblem(many, en)).toBe('At most 10 files can be attached.');
    expect(attachmentProblem(many.slice(0, 2), en)).toBeNull();
  });

  it('names a file that is too large', () => {
    expect(attachmentProblem([{ name: 'video.mp4', size: 51 * 1024 * 1024 }], en)).toBe(
      'File video.mp4 is larger than 50 MB.',
    );
    expect(attachmentProblem([{ name: 'video.mp4', size: 51 * 1024 * 1024 }], vi)).toBe('Tệp video.mp4 lớn hơn 50 MB.');
  });

  it('shows sizes in B, KB and MB', () => {
    expect([formatSize(512), formatSize(12 * 1024), formatSize(3.4 * 1024 * 1024)]).toEqual([
      '512 B',
      '12 KB',
      '3.4 MB',
    ]);
  });
});
