import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import type { Attendance } from '../../../gql/graphql';
import { AttendanceBadge } from './Badges';

export const ParticipantListFragment = graphql(`
  fragment ParticipantList_participant on Participant {
    id
    role
    attendance
    checkedInAt
    user {
      id
      fullName
      position
      unit {
        id
        name
      }
    }
  }
`);

const ROLE_ORDER = { CHAIR: 0, MEMBER: 1, SECRETARY: 2, GUEST: 3 } as const;
const ATTENDANCES: readonly Attendance[] = ['INVITED', 'CONFIRMED', 'DECLINED', 'PRESENT', 'ABSENT'];

/** Who takes part: role and attendance; the secretariat records attendance here. */
export function ParticipantList(props: {
  participants: readonly FragmentType<typeof ParticipantListFragment>[];
  onSetAttendance?: (userId: string, attendance: Attendance) => void;
  busy?: string | null;
}) {
  const { t, formatDateTime } = useI18n();
  const list = [...getFragmentData(ParticipantListFragment, props.participants)].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.user?.fullName ?? '').localeCompare(b.user?.fullName ?? '', 'vi'),
  );
  const present = list.filter((p) => p.attendance === 'PRESENT').length;
  if (list.length === 0) return <p className="muted">{t('meetings.participants.none')}</p>;
  return (
    <>
      <p className="participants__summary" data-testid="participants-summary">
        {t('meetings.participants.summary', { present, total: list.length })}
      </p>
      <ul className="participants">
        {list.map((p) => (
          <li key={p.id} className="participant" data-testid="participant">
            <span className="participant__who">
              <span className="participant__name">{p.user?.fullName ?? t('meetings.unknownUser')}</span>
              <span className="participant__meta">
                {[p.user?.position, p.user?.unit?.name].filter(Boolean).join(' · ')}
              </span>
            </span>
            <span className={`participant__role participant__role--${p.role.toLowerCase()}`}>
              {t(`meetings.role.${p.role}`)}
            </span>
            <span className="participant__attendance">
              {props.onSetAttendance && p.user ? (
                <label className="m-compact-field">
                  <span className="visually-hidden">
                    {t('meetings.participants.attendanceOf', { name: p.user.fullName })}
                  </span>
                  <select
                    value={p.attendance}
                    disabled={props.busy === `attendance:${p.user.id}`}
                    onChange={(e) => {
                      if (p.user) props.onSetAttendance?.(p.user.id, e.target.value as Attendance);
                    }}
                  >
                    {ATTENDANCES.map((a) => (
                      <option key={a} value={a}>
                        {t(`meetings.attendance.${a}`)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <AttendanceBadge attendance={p.attendance} />
              )}
              {p.checkedInAt ? (
                <span className="participant__checkin">
                  {t('meetings.participants.checkedInAt', { time: formatDateTime(p.checkedInAt).slice(11) })}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
