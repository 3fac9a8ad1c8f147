import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { usePageTitle } from '../../../lib/usePageTitle';
import { MeetingCard } from '../components/MeetingCard';
import { canAdminister } from '../logic/status';
import { MeetingsListQuery } from '../operations';

const PAGE = 20;

/** /meetings — upcoming and past meetings, searchable by title. */
export function MeetingsListPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.meetings'));
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'past' ? 'past' : 'upcoming';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  // How many to show; back to one page when the tab or the search changes.
  const listKey = `${tab}|${q}`;
  const [shown, setShown] = useState({ key: listKey, first: PAGE });
  const first = shown.key === listKey ? shown.first : PAGE;

  // Typing searches after a short pause; the search lives in the URL (back button, sharing).
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (text.trim()) next.set('q', text.trim());
          else next.delete('q');
          return next;
        },
        { replace: true },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
    };
  }, [text, q, setParams]);

  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MeetingsListQuery,
    variables: { first, filter: { upcoming: tab === 'upcoming', search: q || null } },
  });
  const meetings = data?.meetings;
  const tabLink = (name: 'upcoming' | 'past') => {
    const next = new URLSearchParams(params);
    if (name === 'past') next.set('tab', 'past');
    else next.delete('tab');
    const s = next.toString();
    return s ? `/meetings?${s}` : '/meetings';
  };

  return (
    <div className="page meetings-page">
      <header className="page__header">
        <span className="page__icon">
          <Icon name="meetings" />
        </span>
        <div className="m-page-heading">
          <h1 className="page__title">{t('nav.meetings')}</h1>
          <p className="page__subtitle">{t('module.meetings.description')}</p>
        </div>
        <div className="m-page-actions">
          <Link className="button button--secondary" to="/meetings/ballots" data-testid="ballots-link">
            <Icon name="vote" />
            {t('meetings.ballots.title')}
          </Link>
          {canAdminister(data?.viewer?.roles) ? (
            <Link className="button button--primary" to="/meetings/new" data-testid="new-meeting">
              <Icon name="plus" />
              {t('meetings.new')}
            </Link>
          ) : null}
        </div>
      </header>
      <div className="m-toolbar">
        <div className="m-tabs" role="group" aria-label={t('meetings.tabs.label')}>
          <Link
            className="m-tabs__tab"
            to={tabLink('upcoming')}
            aria-current={tab === 'upcoming' ? 'page' : undefined}
            data-testid="tab-upcoming"
          >
            {t('meetings.tabs.upcoming')}
          </Link>
          <Link
            className="m-tabs__tab"
            to={tabLink('past')}
            aria-current={tab === 'past' ? 'page' : undefined}
            data-testid="tab-past"
          >
            {t('meetings.tabs.past')}
          </Link>
        </div>
        <label className="m-search">
          <span className="visually-hidden">{t('meetings.search')}</span>
          <Icon name="search" />
          <input
            type="search"
            value={text}
            placeholder={t('meetings.searchPlaceholder')}
            onChange={(e) => {
              setText(e.target.value);
            }}
            data-testid="meetings-search"
          />
        </label>
      </div>
      {!data && fetching ? <Spinner label={t('common.loading')} /> : null}
      {!data && error ? (
        <QueryError
          error={error}
          headingLevel={2}
          onRetry={() => {
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      ) : null}
      {meetings ? (
        <section aria-live="polite" aria-busy={fetching}>
          <p className="m-count">{t('meetings.count', { n: meetings.totalCount })}</p>
          {meetings.nodes.length === 0 ? (
            <p className="m-empty card">{q ? t('meetings.emptySearch', { q }) : t(`meetings.empty.${tab}`)}</p>
          ) : (
            <ul className="meeting-list">
              {meetings.nodes.map((m) => (
                <li key={m.id}>
                  <MeetingCard meeting={m} />
                </li>
              ))}
            </ul>
          )}
          {meetings.pageInfo.hasNextPage && first < 100 ? (
            <button
              type="button"
              className="button button--secondary button--block"
              disabled={fetching}
              onClick={() => {
                setShown({ key: listKey, first: Math.min(100, first + PAGE) });
              }}
            >
              {t('meetings.more')}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
