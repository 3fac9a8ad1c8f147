import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { ClearanceBadge, MeetingStatusBadge } from './Badges';

export const MeetingHeaderFragment = graphql(`
  fragment MeetingHeader_meeting on Meeting {
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
    invitedUnits {
      id
      name
    }
  }
`);

/** The meeting's title block: kind, status, time, place, confidentiality, chair. */
export function MeetingHeader(props: {
  meeting: FragmentType<typeof MeetingHeaderFragment>;
  eyebrow?: string;
  actions?: ReactNode;
}) {
  const { t, formatDateTime } = useI18n();
  const m = getFragmentData(MeetingHeaderFragment, props.meeting);
  const sameDay = m.endsAt && formatDateTime(m.endsAt).slice(0, 10) === formatDateTime(m.startsAt).slice(0, 10);
  return (
    <header className="meeting-header">
      <div className="meeting-header__top">
        <p className="meeting-header__eyebrow">{props.eyebrow ?? t(`meetings.kind.${m.kind}`)}</p>
        <div className="meeting-header__badges">
          <MeetingStatusBadge status={m.status} />
          <ClearanceBadge level={m.confidentiality} />
        </div>
      </div>
      <h1 className="meeting-header__title" data-testid="meeting-title">
        {m.title}
      </h1>
      <dl className="meeting-header__facts">
        <div>
          <dt>
            <Icon name="clock" label={t('meetings.field.time')} />
          </dt>
          <dd>
            <time dateTime={m.startsAt}>{formatDateTime(m.startsAt)}</time>
            {m.endsAt ? (
              <>
                {' – '}
                <time dateTime={m.endsAt}>
                  {sameDay ? formatDateTime(m.endsAt).slice(11) : formatDateTime(m.endsAt)}
                </time>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            <Icon name="pin" label={t('meetings.field.location')} />
          </dt>
          <dd>{m.location ?? <span className="muted">{t('meetings.noLocation')}</span>}</dd>
        </div>
        {m.chair ? (
          <div>
            <dt>
              <Icon name="user" label={t('meetings.role.CHAIR')} />
            </dt>
            <dd>{t('meetings.chairedBy', { name: m.chair.fullName })}</dd>
          </div>
        ) : null}
        {m.invitedUnits.length > 0 ? (
          <div>
            <dt>
              <Icon name="users" label={t('meetings.invitedUnits')} />
            </dt>
            <dd>{m.invitedUnits.map((u) => u.name).join('; ')}</dd>
          </div>
        ) : null}
      </dl>
      {props.actions ? <div className="meeting-header__actions">{props.actions}</div> : null}
    </header>
  );
}
