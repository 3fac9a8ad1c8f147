/**
 * Where a notification leads. The kind says what the subject is (TASK_ASSIGNED, TASK_DUE_7,
 * TASK_DUE_1, TASK_OVERDUE → a task); global IDs stay opaque.
 */
export function notificationHref(kind: string, subjectId: string | null | undefined): string | null {
  if (!subjectId) return null;
  if (kind.startsWith('TASK_')) return `/tasks/${encodeURIComponent(subjectId)}`;
  if (kind.startsWith('MEETING_')) return `/meetings/${encodeURIComponent(subjectId)}`;
  return null;
}

/** "9+" past nine, so the badge stays a small circle. */
export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}
