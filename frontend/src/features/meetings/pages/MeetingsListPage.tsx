import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import type { MeetingFilter } from '../../../gql/graphql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { MeetingCard } from '../components/MeetingCard';
import { MEETING_KINDS, TAB_STATUSES, isFiltered, readListFilter, toMeetingFilter } from '../lib/listFilter';
import { MeetingsListQuery } from '../operations';
import { PageHeader } from '../../../components/PageHeader';

const PAGE = 20;

/** /meetings — upcoming and past meetings, searchable by title, filtered by kind, status and "mine". */
export function MeetingsListPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.meetings'));
  const [params, setParams] = useSearchParams();
  const filter = readListFilter(params);
  const { tab, q } = filter;
  const [text, setText] = useState(q);
  // The cursors of the pages shown after the first; back to one page when the filter changes.
  const listKey = params.toString();
  const [more, setMore] = useState<{ key: string; cursors: readonly string[] }>({ key: listKey, cursors: [] });
  const cursors = more.key === listKey ? more.cursors : [];

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
    variables: { first: PAGE, filter: toMeetingFilter(filter) },
  });
  const meetings = data?.meetings;
  const tabLink = (name: 'upcoming' | 'past') => {
    const next = new URLSearchParams(params);
    if (name === 'past') next.set('tab', 'past');
    else next.delete('tab');
    next.delete('status'); // the statuses differ between the tabs
    const s = next.toString();
    return s ? `/meetings?${s}` : '/meetings';
  };
  const setParam = (name: string, value: string | null) => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  const clearFilters = () => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const name of ['kind', 'status', 'mine']) next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  const addPage = (cursor: string) => {
    setMore({ key: listKey, cursors: [...cursors, cursor] });
  };
  const firstCursor = meetings?.pageInfo.hasNextPage ? (meetings.pageInfo.endCursor ?? null) : null;

  return (
    <div className="page meetings-page">
      <PageHeader
        icon="meetings"
        headingClassName="m-page-heading"
        title={t('nav.meetings')}
        subtitle={t('module.meetings.description')}
      >
        <div className="m-page-actions">
          <Link className="button button--secondary" to="/meetings/ballots" data-testid="ballots-link">
            <Icon name="vote" />
            {t('meetings.ballots.title')}
          </Link>
          {data?.viewerCan.createMeeting ? (
            <Link className="button button--primary" to="/meetings/new" data-testid="new-meeting">
              <Icon name="plus" />
              {t('meetings.new')}
            </Link>
          ) : null}
        </div>
      </PageHeader>
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
      <div className="m-filters" role="group" aria-label={t('meetings.filters.label')}>
        <label className="m-filters__field">
          <span className="m-filters__label">{t('meetings.field.kind')}</span>
          <select
            value={filter.kind ?? ''}
            onChange={(e) => {
              setParam('kind', e.target.value || null);
            }}
            data-testid="filter-kind"
          >
            <option value="">{t('meetings.filters.anyKind')}</option>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="m-filters__field">
          <span className="m-filters__label">{t('meetings.filters.status')}</span>
          <select
            value={filter.status ?? ''}
            onChange={(e) => {
              setParam('status', e.target.value || null);
            }}
            data-testid="filter-status"
          >
            <option value="">{t('meetings.filters.anyStatus')}</option>
            {TAB_STATUSES[tab].map((s) => (
              <option key={s} value={s}>
                {t(`meetings.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="m-filters__check">
          <input
            type="checkbox"
            checked={filter.mine}
            onChange={(e) => {
              setParam('mine', e.target.checked ? '1' : null);
            }}
            data-testid="filter-mine"
          />
          <span>{t('meetings.filters.mine')}</span>
        </label>
        {isFiltered(filter) ? (
          <button type="button" className="button button--secondary" onClick={clearFilters} data-testid="filter-clear">
            {t('meetings.filters.clear')}
          </button>
        ) : null}
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
            <p className="m-empty card">
              {q
                ? t('meetings.emptySearch', { q })
                : isFiltered(filter)
                  ? t('meetings.emptyFiltered')
                  : t(`meetings.empty.${tab}`)}
            </p>
          ) : (
            <ul className="meeting-list" data-testid="meeting-list">
              {meetings.nodes.map((m) => (
                <li key={m.id}>
                  <MeetingCard meeting={m} />
                </li>
              ))}
              {cursors.map((cursor, i) => (
                <MeetingsPage
                  key={cursor}
                  filter={toMeetingFilter(filter)}
                  after={cursor}
                  last={i === cursors.length - 1}
                  onMore={addPage}
                />
              ))}
            </ul>
          )}
          {cursors.length === 0 && firstCursor ? (
            <MoreButton
              disabled={fetching}
              onClick={() => {
                addPage(firstCursor);
              }}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** One further page of the list (after `after`), rendered as list items; the last page offers the next. */
function MeetingsPage({
  filter,
  after,
  last,
  onMore,
}: {
  filter: MeetingFilter;
  after: string;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MeetingsListQuery,
    variables: { first: PAGE, after, filter },
  });
  const page = data?.meetings;
  if (!page) {
    return (
      <li>
        {error ? (
          <QueryError
            error={error}
            headingLevel={2}
            onRetry={() => {
              reexecute({ requestPolicy: 'network-only' });
            }}
          />
        ) : (
          <Spinner label={t('common.loading')} />
        )}
      </li>
    );
  }
  const next = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  return (
    <>
      {page.nodes.map((m) => (
        <li key={m.id}>
          <MeetingCard meeting={m} />
        </li>
      ))}
      {last && next ? (
        <li className="meeting-list__more">
          <MoreButton
            disabled={fetching}
            onClick={() => {
              onMore(next);
            }}
          />
        </li>
      ) : null}
    </>
  );
}

function MoreButton({ disabled, onClick }: { disabled: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button button--secondary button--block"
      disabled={disabled}
      onClick={onClick}
      data-testid="meetings-more"
    >
      {t('meetings.more')}
    </button>
  );
}
