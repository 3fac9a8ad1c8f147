import type { Language } from '../../../app/i18n/messages';

/**
 * The few texts of the meetings list's filters, the meeting and agenda forms and a vote's record, in both languages. They live with the feature
 * until they join the shared catalogues (src/locales), whose keys a test keeps identical.
 */
const STRINGS = {
  filtersLabel: { vi: 'Lọc danh sách cuộc họp', en: 'Filter meetings' },
  kind: { vi: 'Loại cuộc họp', en: 'Kind of meeting' },
  anyKind: { vi: 'Mọi loại cuộc họp', en: 'Any kind' },
  status: { vi: 'Trạng thái', en: 'Status' },
  anyStatus: { vi: 'Mọi trạng thái', en: 'Any status' },
  mine: { vi: 'Chỉ cuộc họp tôi tham dự', en: 'Only meetings I take part in' },
  clear: { vi: 'Bỏ lọc', en: 'Clear filters' },
  invitedUnitsHint: {
    vi: 'Cán bộ của các đơn vị được mời xem được cuộc họp (trong phạm vi độ mật của mình).',
    en: 'Officers of the invited units may see the meeting (up to their clearance).',
  },
  exportCsv: { vi: 'Tải kết quả (CSV)', en: 'Download results (CSV)' },
  printSheet: { vi: 'Bản in kết quả', en: 'Printable result sheet' },
  namedBallots: { vi: 'Danh sách biểu quyết theo tên', en: 'Named ballots' },
  noBallots: { vi: 'Không có phiếu nào.', en: 'No ballot was cast.' },
  voter: { vi: 'Thành viên', en: 'Member' },
  choice: { vi: 'Phương án', en: 'Choice' },
  castAt: { vi: 'Thời điểm', en: 'Cast at' },
  presenterPerson: { vi: 'Người trình bày', en: 'Presenter' },
  emptyFiltered: {
    vi: 'Không có cuộc họp nào khớp với bộ lọc.',
    en: 'No meeting matches these filters.',
  },
} as const;

export type MeetingStringKey = keyof typeof STRINGS;

export function meetingString(language: Language, key: MeetingStringKey): string {
  return STRINGS[key][language];
}
