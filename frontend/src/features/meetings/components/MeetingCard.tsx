import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { AttendanceBadge, ClearanceBadge, MeetingStatusBadge } from './Badges';

export const MeetingCardFragment = graphql(`
  fragment MeetingCard_meeting on Meeting {
    id
    title
    kind
    status
    startsAt
    endsAt
    location
    confidentiality
    chair {
      id
      fullName
    }
    viewerParticipant {
      id
      role
      attendance
    }
  }
`);

/** One meeting in the list: when, where, status, and the viewer's own part. */
export function MeetingCard(props: { meeting: FragmentType<typeof MeetingCardFragment> }) {
  const { t, formatDateTime } = useI18n();
  const m = getFragmentData(MeetingCardFragment, props.meeting);
  return (
    <article className="meeting-card" data-testid="meeting-card">
      <div className="meeting-card__when">
        <Icon name="calendar" />
        <time dateTime={m.startsAt} data-testid="meeting-starts">
          {formatDateTime(m.startsAt)}
        </time>
      </div>
      <div className="meeting-card__body">
        <h2 className="meeting-card__title">
          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
        </h2>
        <p className="meeting-card__meta">
          <span>{t(`meetings.kind.${m.kind}`)}</span>
          {m.location ? (
            <span className="meeting-card__place">
              <Icon name="pin" /> {m.location}
            </span>
          ) : null}
          {m.chair ? <span>{t('meetings.chairedBy', { name: m.chair.fullName })}</span> : null}
        </p>
      </div>
      <div className="meeting-card__badges">
        <MeetingStatusBadge status={m.status} />
        {m.confidentiality !== 'INTERNAL' && m.confidentiality !== 'PUBLIC' ? (
          <ClearanceBadge level={m.confidentiality} />
        ) : null}
        {m.viewerParticipant ? <AttendanceBadge attendance={m.viewerParticipant.attendance} /> : null}
      </div>
    </article>
  );
}
