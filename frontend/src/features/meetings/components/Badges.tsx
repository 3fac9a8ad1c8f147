import { useI18n } from '../../../app/i18n/useI18n';
import type {
  AgendaItemStatus,
  Attendance,
  Clearance,
  MeetingStatus,
  VoteOutcome,
  VoteState,
} from '../../../gql/graphql';

/** Small labelled badges; the colour follows the value (a class), the text says it in words. */

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge m-status m-status--${status.toLowerCase()}`} data-testid="meeting-status">
      {t(`meetings.status.${status}`)}
    </span>
  );
}

export function VoteStateBadge({ state }: { state: VoteState }) {
  const { t } = useI18n();
  return (
    <span className={`badge m-status m-status--vote-${state.toLowerCase()}`} data-testid="vote-state">
      {t(`meetings.voteState.${state}`)}
    </span>
  );
}

export function OutcomeBadge({ outcome, large = false }: { outcome: VoteOutcome; large?: boolean }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge m-outcome m-outcome--${outcome.toLowerCase()}${large ? ' m-outcome--large' : ''}`}
      data-testid="vote-outcome"
      data-outcome={outcome}
    >
      {t(`meetings.outcome.${outcome}`)}
    </span>
  );
}

export function AttendanceBadge({ attendance }: { attendance: Attendance }) {
  const { t } = useI18n();
  return (
    <span className={`badge m-attendance m-attendance--${attendance.toLowerCase()}`}>
      {t(`meetings.attendance.${attendance}`)}
    </span>
  );
}

export function AgendaStatusBadge({
  status,
  adoptedEnBloc = false,
}: {
  status: AgendaItemStatus;
  adoptedEnBloc?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className={`badge m-status m-status--item-${status.toLowerCase()}`}>
      {adoptedEnBloc ? t('meetings.agenda.adoptedEnBloc') : t(`meetings.itemStatus.${status}`)}
    </span>
  );
}

export function ClearanceBadge({ level }: { level: Clearance }) {
  const { t } = useI18n();
  return (
    <span className={`badge m-clearance m-clearance--${level.toLowerCase()}`}>{t(`meetings.clearance.${level}`)}</span>
  );
}
