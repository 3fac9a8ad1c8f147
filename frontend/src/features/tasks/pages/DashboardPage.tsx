import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { usePageTitle } from '../../../lib/usePageTitle';
import { OnTimeChart } from '../components/OnTimeChart';
import { PeriodPicker } from '../components/PeriodPicker';
import { StatsTable } from '../components/StatsTable';
import { TaskDueList } from '../components/TaskDueList';
import { TasksNav } from '../components/TasksNav';
import type { Period } from '../lib/dates';
import { daysToEndOfWeek, isPeriodPart, periodRange, todayIso } from '../lib/dates';
import { toChartBars, totals } from '../lib/stats';
import { DashboardListsQuery, TaskStatisticsQuery, TasksViewerQuery } from '../operations';
import { PageHeader } from '../../../components/PageHeader';

function parsePeriod(params: URLSearchParams, currentYear: number): Period {
  const year = Number.parseInt(params.get('year') ?? '', 10);
  const part = params.get('part');
  return {
    year: Number.isFinite(year) && year >= 1900 && year <= 9999 ? year : currentYear,
    part: isPeriodPart(part) ? part : 'year',
  };
}

/**
 * /tasks/dashboard — for a period (default: this year): on-time rate per lead unit (chart and
 * figures), and, as of today, the overdue tasks and those due by the end of this week.
 */
export function DashboardPage() {
  const { t, formatDate } = useI18n();
  usePageTitle(t('tasks.dashboard.title'));
  const today = todayIso();
  const currentYear = Number(today.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params, currentYear);
  const { from, to } = periodRange(period);
  const withinDays = daysToEndOfWeek(today);

  const [viewerResult] = useQuery({ query: TasksViewerQuery });
  const unitId = viewerResult.data?.viewer?.unit?.id ?? null;
  const [stats, reexecuteStats] = useQuery({ query: TaskStatisticsQuery, variables: { from, to } });
  const [lists, reexecuteLists] = useQuery({ query: DashboardListsQuery, variables: { withinDays } });

  const rows = stats.data?.taskStatistics;
  const bars = useMemo(() => (rows ? toChartBars(rows, unitId) : []), [rows, unitId]);
  const sum = useMemo(() => totals(rows ?? []), [rows]);

  const setPeriod = (p: Period) => {
    const next = new URLSearchParams();
    if (p.year !== currentYear) next.set('year', String(p.year));
    if (p.part !== 'year') next.set('part', p.part);
    setParams(next, { replace: true });
  };

  let statsBody;
  if (!rows && stats.fetching) statsBody = <Spinner label={t('common.loading')} />;
  else if (!rows && stats.error)
    statsBody = (
      <QueryError
        error={stats.error}
        headingLevel={2}
        onRetry={() => {
          reexecuteStats({ requestPolicy: 'network-only' });
        }}
      />
    );
  else if (!rows || rows.length === 0)
    statsBody = (
      <p className="empty" data-testid="stats-empty">
        {t('tasks.dashboard.noData')}
      </p>
    );
  else
    statsBody = (
      <div className="dashboard__stats">
        <figure className="dashboard__chart">
          <OnTimeChart bars={bars} />
          <figcaption className="muted">{t('tasks.dashboard.rateExplained')}</figcaption>
        </figure>
        <StatsTable stats={rows} totals={sum} highlightUnitId={unitId} />
      </div>
    );

  const listData = lists.data;
  return (
    <div className="page tasks-page dashboard">
      <PageHeader icon="tasks" title={t('tasks.dashboard.title')} subtitle={t('tasks.dashboard.subtitle')} />
      <TasksNav />
      <section className="card" aria-labelledby="dashboard-rate-title">
        <div className="card__head">
          <h2 id="dashboard-rate-title" className="card__title">
            {t('tasks.dashboard.rateTitle', { from: formatDate(from), to: formatDate(to) })}
          </h2>
          <PeriodPicker value={period} currentYear={currentYear} onChange={setPeriod} />
        </div>
        {statsBody}
      </section>
      {!listData && lists.error ? (
        <QueryError
          error={lists.error}
          headingLevel={2}
          onRetry={() => {
            reexecuteLists({ requestPolicy: 'network-only' });
          }}
        />
      ) : (
        <div className="dashboard__lists">
          <section className="card" aria-labelledby="dashboard-overdue-title">
            <h2 id="dashboard-overdue-title" className="card__title">
              {t('tasks.dashboard.overdueTitle')}{' '}
              {listData ? <span className="count">({listData.overdue?.totalCount ?? 0})</span> : null}
            </h2>
            {listData ? (
              <TaskDueList
                tasks={listData.overdue?.nodes ?? []}
                today={today}
                empty={t('tasks.dashboard.noOverdue')}
                testId="overdue-list"
              />
            ) : (
              <Spinner label={t('common.loading')} />
            )}
            <p className="card__more">
              <Link to="/tasks?tab=all&overdue=1">{t('tasks.dashboard.seeAllOverdue')}</Link>
            </p>
          </section>
          <section className="card" aria-labelledby="dashboard-week-title">
            <h2 id="dashboard-week-title" className="card__title">
              {t('tasks.dashboard.weekTitle')}{' '}
              {listData ? <span className="count">({listData.dueThisWeek?.totalCount ?? 0})</span> : null}
            </h2>
            {listData ? (
              <TaskDueList
                tasks={listData.dueThisWeek?.nodes ?? []}
                today={today}
                empty={t('tasks.dashboard.noneThisWeek')}
                testId="week-list"
              />
            ) : (
              <Spinner label={t('common.loading')} />
            )}
            <p className="card__more">
              <Link to={`/tasks?tab=all&within=${withinDays}`}>{t('tasks.dashboard.seeAllWeek')}</Link>
            </p>
          </section>
        </div>
      )}
    </div>
  );
}
