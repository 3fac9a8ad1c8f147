import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';

export const SpeakerListFragment = graphql(`
  fragment SpeakerList_request on SpeakerRequest {
    id
    status
    requestedAt
    startedAt
    user {
      id
      fullName
      position
    }
  }
`);

/**
 * The speakers' list of an item, in order of request. The secretariat gives the floor and
 * ends a speech (`onStart`/`onFinish`); anyone may withdraw their own waiting request.
 */
export function SpeakerList(props: {
  speakers: readonly FragmentType<typeof SpeakerListFragment>[];
  viewerId?: string | null;
  onStart?: (id: string) => void;
  onFinish?: (id: string) => void;
  onWithdraw?: (id: string) => void;
  busy?: string | null;
  showDone?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const all = getFragmentData(SpeakerListFragment, props.speakers);
  const shown = all.filter((s) => s.status !== 'WITHDRAWN' && (props.showDone || s.status !== 'DONE'));
  if (shown.length === 0) return <p className="muted">{t('meetings.speakers.none')}</p>;
  const waitingNo = new Map(shown.filter((s) => s.status === 'WAITING').map((s, i) => [s.id, i + 1]));
  return (
    <ol className="speakers" data-testid="speakers">
      {shown.map((s) => {
        const mine = !!props.viewerId && s.user?.id === props.viewerId;
        return (
          <li key={s.id} className={`speaker speaker--${s.status.toLowerCase()}`} data-testid="speaker">
            <span className="speaker__order" aria-hidden="true">
              {s.status === 'SPEAKING' ? (
                <Icon name="mic" />
              ) : s.status === 'WAITING' ? (
                waitingNo.get(s.id)
              ) : (
                <Icon name="check" />
              )}
            </span>
            <span className="speaker__who">
              <span className="speaker__name">{s.user?.fullName ?? t('meetings.unknownUser')}</span>
              {s.user?.position ? <span className="speaker__position">{s.user.position}</span> : null}
              <span className="speaker__state">
                {t(`meetings.speakerStatus.${s.status}`)}
                {s.status === 'WAITING' ? ` · ${formatDateTime(s.requestedAt).slice(11)}` : null}
              </span>
            </span>
            <span className="speaker__actions">
              {s.status === 'WAITING' && props.onStart ? (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={props.busy === `start:${s.id}`}
                  onClick={() => props.onStart?.(s.id)}
                  data-testid="give-floor"
                >
                  <Icon name="mic" />
                  {t('meetings.speakers.giveFloor')}
                </button>
              ) : null}
              {s.status === 'SPEAKING' && props.onFinish ? (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={props.busy === `finish:${s.id}`}
                  onClick={() => props.onFinish?.(s.id)}
                  data-testid="finish-speaker"
                >
                  <Icon name="stop" />
                  {t('meetings.speakers.finish')}
                </button>
              ) : null}
              {s.status === 'WAITING' && mine && props.onWithdraw ? (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={props.busy === `withdraw:${s.id}`}
                  onClick={() => props.onWithdraw?.(s.id)}
                >
                  {t('meetings.speakers.withdraw')}
                </button>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
