import type { Language } from '../../../app/i18n/messages';

/**
 * The few texts of report attachments, in both languages. They live with the feature until
 * they join the shared catalogues (src/locales), whose keys a test keeps identical.
 */
const STRINGS = {
  attachments: { vi: 'Tệp đính kèm', en: 'Attachments' },
  attachHint: {
    vi: 'Tối đa {max} tệp, mỗi tệp không quá {size} MB.',
    en: 'Up to {max} files of at most {size} MB each.',
  },
  tooManyFiles: { vi: 'Chỉ đính kèm được tối đa {max} tệp.', en: 'At most {max} files can be attached.' },
  assignedByMe: { vi: 'Nhiệm vụ tôi giao', en: 'Tasks I assigned' },
  fromMeeting: { vi: 'Theo cuộc họp nguồn', en: 'From the source meeting' },
  removeFilter: { vi: 'Bỏ lọc', en: 'Remove filter' },
  meetingTasks: { vi: 'Các nhiệm vụ của cuộc họp này', en: 'All tasks of this meeting' },
  fileTooLarge: { vi: 'Tệp {name} lớn hơn {size} MB.', en: 'File {name} is larger than {size} MB.' },
} as const;

export type TaskStringKey = keyof typeof STRINGS;

export function taskString(
  language: Language,
  key: TaskStringKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return STRINGS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** Size for people: 12 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
