import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { AgendaStatusBadge } from './Badges';
import { DocumentList } from './DocumentList';
import { SpeakerList } from './SpeakerList';

export const AgendaItemCardFragment = graphql(`
  fragment AgendaItemCard_item on AgendaItem {
    id
    position
    title
    description
    plannedMinutes
    status
    startedAt
    finishedAt
    adoptedEnBloc
    presenter {
      id
      fullName
    }
    presenterUnit {
      id
      name
    }
    documents {
      id
      ...DocumentList_file
    }
    speakers {
      id
      ...SpeakerList_request
    }
  }
`);

/** An agenda item: order, title, presenter, planned minutes, status, documents and speakers. */
export function AgendaItemCard(props: {
  item: FragmentType<typeof AgendaItemCardFragment>;
  /** Controls shown under the item (positions, secretariat tools). */
  children?: ReactNode;
  speakers?: Omit<Parameters<typeof SpeakerList>[0], 'speakers'> | false;
  large?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t, formatDateTime } = useI18n();
  const item = getFragmentData(AgendaItemCardFragment, props.item);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const presenter = [item.presenter?.fullName, item.presenterUnit?.name].filter(Boolean).join(' — ');
  return (
    <article
      className={`agenda-item agenda-item--${item.status.toLowerCase()}${props.large ? ' agenda-item--large' : ''}`}
      data-testid="agenda-item"
      data-status={item.status}
    >
      <div className="agenda-item__head">
        <span className="agenda-item__number" aria-hidden="true">
          {item.position}
        </span>
        <div className="agenda-item__heading">
          <Heading className="agenda-item__title">
            <span className="visually-hidden">{t('meetings.agenda.itemNo', { n: item.position })} </span>
            {item.title}
          </Heading>
          <p className="agenda-item__meta">
            {presenter ? <span>{t('meetings.agenda.presenter', { name: presenter })}</span> : null}
            {item.plannedMinutes ? <span>{t('meetings.agenda.minutes', { n: item.plannedMinutes })}</span> : null}
            {item.startedAt && item.status === 'CURRENT' ? (
              <span>{t('meetings.agenda.startedAt', { time: formatDateTime(item.startedAt).slice(11) })}</span>
            ) : null}
          </p>
        </div>
        <AgendaStatusBadge status={item.status} adoptedEnBloc={item.adoptedEnBloc} />
      </div>
      {item.description ? <p className="agenda-item__description">{item.description}</p> : null}
      <div className="agenda-item__section">
        <h4 className="agenda-item__label">{t('meetings.documents.title')}</h4>
        <DocumentList files={item.documents} large={props.large} />
      </div>
      {props.speakers !== false && (item.speakers.length > 0 || props.speakers?.onStart) ? (
        <div className="agenda-item__section">
          <h4 className="agenda-item__label">{t('meetings.speakers.title')}</h4>
          <SpeakerList speakers={item.speakers} {...(props.speakers ?? {})} />
        </div>
      ) : null}
      {props.children ? <div className="agenda-item__actions">{props.children}</div> : null}
    </article>
  );
}
