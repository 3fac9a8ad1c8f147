import type { ParticipantRole } from '../../../gql/graphql';
import type { MessageKey } from '../../../app/i18n/messages';
import { inputToIso, isIsoDate } from './datetime';

/**
 * Client-side checks of the meetings forms, before anything is sent. The server checks
 * again (its UserErrors are shown as they come); these catch the obvious at once and in the
 * user's language. Each returns a map field → message key; empty means valid.
 */
export type FormErrors<F extends string> = Partial<Record<F, MessageKey>>;

export interface MeetingFormValues {
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  location: string;
  confidentiality: string;
  participants: readonly { userId: string; role: ParticipantRole }[];
}

export type MeetingField = 'title' | 'startsAt' | 'endsAt' | 'participants';

export function validateMeeting(values: MeetingFormValues): FormErrors<MeetingField> {
  const errors: FormErrors<MeetingField> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'meetings.form.error.titleRequired';
  else if (title.length > 500) errors.title = 'meetings.form.error.titleTooLong';
  const start = inputToIso(values.startsAt);
  if (!start) errors.startsAt = 'meetings.form.error.startRequired';
  if (values.endsAt.trim()) {
    const end = inputToIso(values.endsAt);
    if (!end) errors.endsAt = 'meetings.form.error.endInvalid';
    else if (start && new Date(end).getTime() <= new Date(start).getTime())
      errors.endsAt = 'meetings.form.error.endBeforeStart';
  }
  const ids = values.participants.map((p) => p.userId);
  if (new Set(ids).size !== ids.length) errors.participants = 'meetings.form.error.duplicateParticipant';
  else if (values.participants.filter((p) => p.role === 'CHAIR').length > 1)
    errors.participants = 'meetings.form.error.oneChair';
  return errors;
}

export interface AgendaItemValues {
  title: string;
  plannedMinutes: string;
}

export type AgendaItemField = 'title' | 'plannedMinutes';

export function validateAgendaItem(values: AgendaItemValues): FormErrors<AgendaItemField> {
  const errors: FormErrors<AgendaItemField> = {};
  if (!values.title.trim()) errors.title = 'meetings.form.error.titleRequired';
  const minutes = values.plannedMinutes.trim();
  if (minutes && !/^\d{1,3}$/.test(minutes)) errors.plannedMinutes = 'meetings.agenda.error.minutes';
  else if (minutes && (Number(minutes) < 1 || Number(minutes) > 600))
    errors.plannedMinutes = 'meetings.agenda.error.minutes';
  return errors;
}

/** Options typed one per line; blank lines dropped, inner spaces collapsed. */
export function parseOptions(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.split(/\s+/).filter(Boolean).join(' '))
    .filter((l) => l !== '');
}

export interface VoteFormValues {
  title: string;
  /** Custom options, one per line; empty: the defaults (Tán thành / Không tán thành / Không ý kiến). */
  options: string;
  /** Written ballots only: deadline (datetime-local) and voters. */
  deadline?: string;
  voterIds?: readonly string[];
}

export type VoteField = 'title' | 'options' | 'deadline' | 'voterIds';

export function validateVote(
  values: VoteFormValues,
  { written = false, now = new Date() }: { written?: boolean; now?: Date } = {},
): FormErrors<VoteField> {
  const errors: FormErrors<VoteField> = {};
  if (!values.title.trim()) errors.title = 'meetings.form.error.titleRequired';
  const options = parseOptions(values.options);
  if (options.length > 0 && (options.length < 2 || new Set(options).size !== options.length))
    errors.options = 'meetings.vote.error.options';
  if (written) {
    const deadline = inputToIso(values.deadline ?? '');
    if (!deadline) errors.deadline = 'meetings.vote.error.deadlineRequired';
    else if (new Date(deadline).getTime() <= now.getTime()) errors.deadline = 'meetings.vote.error.deadlinePast';
    if (!values.voterIds || values.voterIds.length === 0) errors.voterIds = 'meetings.vote.error.votersRequired';
  }
  return errors;
}

export interface DirectiveValues {
  title: string;
  leadUnitId: string;
  coordinatingUnitIds: readonly string[];
  dueDate: string;
}

export interface ConclusionValues {
  number: string;
  issuedOn: string;
  text: string;
  directives: readonly DirectiveValues[];
}

export type ConclusionField =
  'number' | 'issuedOn' | 'text' | `directive.${number}.${'title' | 'leadUnitId' | 'dueDate'}`;

/**
 * A draft may be saved incomplete, but every directive needs a title and a lead unit, and
 * dates must be dates; issuing also needs the number, the date and the text.
 */
export function validateConclusion(
  values: ConclusionValues,
  { forIssue = false }: { forIssue?: boolean } = {},
): FormErrors<ConclusionField> {
  const errors: FormErrors<ConclusionField> = {};
  if (values.issuedOn && !isIsoDate(values.issuedOn)) errors.issuedOn = 'meetings.conclusion.error.date';
  values.directives.forEach((d, i) => {
    if (!d.title.trim()) errors[`directive.${i}.title`] = 'meetings.form.error.titleRequired';
    if (!d.leadUnitId) errors[`directive.${i}.leadUnitId`] = 'meetings.conclusion.error.leadUnit';
    if (d.dueDate && !isIsoDate(d.dueDate)) errors[`directive.${i}.dueDate`] = 'meetings.conclusion.error.date';
  });
  if (forIssue) {
    if (!values.number.trim()) errors.number = 'meetings.conclusion.error.number';
    if (!values.issuedOn) errors.issuedOn = 'meetings.conclusion.error.dateRequired';
    if (!values.text.trim()) errors.text = 'meetings.conclusion.error.text';
  }
  return errors;
}

export function hasErrors(errors: Readonly<Record<string, unknown>>): boolean {
  return Object.values(errors).some((v) => v !== undefined);
}
