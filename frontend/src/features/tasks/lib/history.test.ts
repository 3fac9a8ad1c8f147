import { describe, expect, it } from 'vitest';
import { formatDate, translate } from '../../../app/i18n/messages';
import type { HistoryI18n } from './history';
import { describeHistory } from './history';

const vi: HistoryI18n = { t: (k, p) => translate('vi', k, p), formatDate: (v) => formatDate(v, 'vi') };
const en: HistoryI18n = { t: (k, p) => translate('en', k, p), formatDate: (v) => formatDate(v, 'en') };

describe('describeHistory', () => {
  it('tells when the task was assigned and its deadline', () => {
    expect(describeHistory({ kind: 'CREATED', details: { code: 'NV-2019-0010', due: '2019-12-31' } }, vi)).toBe(
      'Giao nhiệm vụ NV-2019-0010, hạn 31/12/2019',
    );
    expect(describeHistory({ kind: 'CREATED', details: { code: 'NV-1', due: 'None' } }, en)).toBe('Task NV-1 assigned');
  });

  it('tells progress and completion', () => {
    expect(describeHistory({ kind: 'PROGRESS', details: { progress: 40, status: 'IN_PROGRESS' } }, en)).toBe(
      'Progress reported: 40%',
    );
    expect(describeHistory({ kind: 'PROGRESS', details: { progress: 100, status: 'COMPLETED' } }, vi)).toBe(
      'Báo cáo hoàn thành (100%)',
    );
  });

  it('formats the dates of an extension', () => {
    expect(describeHistory({ kind: 'EXTENSION_APPROVED', details: { from: '2019-12-31', to: '2020-06-30' } }, vi)).toBe(
      'Đồng ý gia hạn: 31/12/2019 → 30/06/2020',
    );
    expect(describeHistory({ kind: 'EXTENSION_REQUESTED', details: { to: '2020-06-30' } }, en)).toBe(
      'Extension requested to 30/06/2020',
    );
  });

  it('lists what an update changed', () => {
    expect(describeHistory({ kind: 'UPDATED', details: { title: 'x', due: '2019-12-31 → 2020-01-15' } }, en)).toBe(
      'Updated: Title, Deadline (31/12/2019 → 15/01/2020)',
    );
  });

  it('shows an unknown kind as it is and survives odd details', () => {
    expect(describeHistory({ kind: 'ARCHIVED', details: null }, vi)).toBe('ARCHIVED');
    expect(describeHistory({ kind: 'CANCELLED', details: [] }, en)).toBe('Task cancelled');
  });
});
