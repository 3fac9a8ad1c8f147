import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { classifyError, messageKeyFor } from '../../../lib/errors';
import { usePageTitle } from '../../../lib/usePageTitle';
import type { ExportFormat } from '../components/ExportButtons';
import { ExportButtons } from '../components/ExportButtons';
import { Pager } from '../components/Pager';
import { TaskFilters } from '../components/TaskFilters';
import { TaskTable } from '../components/TaskTable';
import { TaskTabs } from '../components/TaskTabs';
import { TasksNav } from '../components/TasksNav';
import { todayIso } from '../lib/dates';
import { downloadFile } from '../lib/download';
import type { ExportableTask } from '../lib/exportTable';
import { EXPORT_COLUMNS, buildExportTable, exportFileName, toCsv } from '../lib/exportTable';
import type { TaskListState } from '../lib/listState';
import { TABS, defaultState, parseListState, toSearchParams, toTaskFilter } from '../lib/listState';
import { TaskExportQuery, TaskListQuery, TasksViewerQuery } from '../operations';
import { PageHeader } from '../../../components/PageHeader';

const PAGE_SIZE = 20;
/** The export follows every page of the filter, up to this many rows. */
export const MAX_EXPORT_ROWS = 1000;
const EXPORT_PAGE = 100;
const PANEL_ID = 'task-list-panel';

/** /tasks — "my unit's tasks": lead / coordinating / all tabs, filters, paging, export. */
export function TaskListPage() {
  const { t, tDynamic } = useI18n();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const [viewerResult] = useQuery({ query: TasksViewerQuery });
  const viewer = viewerResult.data?.viewer ?? null;
  const unit = viewer?.unit ?? null;
  const hasUnit = Boolean(unit);
  // The state lives here and is mirrored into the URL: controls answer at once, while the URL
  // (bookmarks, back / forward) catches up; a URL changed from outside is read back in.
  const paramsKey = `${params.toString()}|${hasUnit ? 'unit' : ''}`;
  const [state, setState] = useState(() => parseListState(params, hasUnit));
  const [seenParams, setSeenParams] = useState(paramsKey);
  if (seenParams !== paramsKey) {
    setSeenParams(paramsKey);
    setState(parseListState(params, hasUnit));
  }
  const filter = useMemo(() => toTaskFilter(state, unit?.id, viewer?.id), [state, unit?.id, viewer?.id]);
  const filterKey = JSON.stringify(filter);
  const today = todayIso();
  usePageTitle(t('nav.tasks'));

  // Cursor stack: page n is fetched after cursors[n]; a new filter starts again at page 0.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: '', cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const page = cursors.length - 1;

  const [result, reexecute] = useQuery({
    query: TaskListQuery,
    variables: { first: PAGE_SIZE, after: cursors[page] ?? null, filter },
    pause: viewerResult.fetching && !viewerResult.data,
  });
  const connection = result.data?.tasks ?? null;

  const update = useCallback(
    (patch: Partial<TaskListState>) => {
      const next = { ...state, ...patch };
      setState(next);
      setParams(toSearchParams(next, hasUnit), { replace: true });
    },
    [setParams, state, hasUnit],
  );

  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exportMessage, setExportMessage] = useState<string | null>(null);

  const runExport = async (format: ExportFormat) => {
    setExporting(format);
    setExportMessage(null);
    try {
      const rows: ExportableTask[] = [];
      let after: string | null = null;
      let total = 0;
      for (;;) {
        const r = await client
          .query(TaskExportQuery, { first: EXPORT_PAGE, after, filter }, { requestPolicy: 'network-only' })
          .toPromise();
        if (r.error || !r.data?.tasks) {
          setExportMessage(t(messageKeyFor(classifyError(r.error) ?? 'unknown')));
          return;
        }
        total = r.data.tasks.totalCount;
        rows.push(...r.data.tasks.nodes);
        after = r.data.tasks.pageInfo.endCursor ?? null;
        if (!r.data.tasks.pageInfo.hasNextPage || !after || rows.length >= MAX_EXPORT_ROWS) break;
      }
      const exported = rows.slice(0, MAX_EXPORT_ROWS);
      const table = buildExportTable(exported, {
        header: Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`tasks.export.column.${c}`)])) as Record<
          (typeof EXPORT_COLUMNS)[number],
          string
        >,
        status: (s) => tDynamic(`tasks.status.${s}`, s),
        yes: t('tasks.yes'),
        no: t('tasks.no'),
      });
      const base = t('tasks.export.fileBase');
      if (format === 'csv') {
        downloadFile(toCsv(table), exportFileName(base, today, 'csv'), 'text/csv;charset=utf-8');
      } else {
        // Loaded on demand: the zip code is only needed when someone exports.
        const { buildXlsx, XLSX_MIME } = await import('../lib/xlsx');
        const bytes = buildXlsx(table, { sheetName: t('nav.tasks') });
        downloadFile(bytes.slice().buffer, exportFileName(base, today, 'xlsx'), XLSX_MIME);
      }
      setExportMessage(
        total > exported.length
          ? t('tasks.export.truncated', { count: exported.length, total })
          : t('tasks.export.done', { count: exported.length }),
      );
    } finally {
      setExporting(null);
    }
  };

  const tabs = hasUnit ? TABS : (['all'] as const);
  const caption =
    state.tab === 'all'
      ? t('tasks.caption.all')
      : t(state.tab === 'lead' ? 'tasks.caption.lead' : 'tasks.caption.coordinating', {
          unit: unit?.name ?? '',
        });

  let body;
  if (!connection && (result.fetching || (viewerResult.fetching && !viewerResult.data))) {
    body = <Spinner label={t('common.loading')} />;
  } else if (!connection && result.error) {
    body = (
      <QueryError
        error={result.error}
        headingLevel={2}
        onRetry={() => {
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
    );
  } else if (!connection || connection.nodes.length === 0) {
    body = (
      <p className="empty" data-testid="task-list-empty">
        {t('tasks.empty')}
      </p>
    );
  } else {
    body = (
      <>
        <TaskTable tasks={connection.nodes} today={today} caption={caption} />
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          shown={connection.nodes.length}
          total={connection.totalCount}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => {
            setPaging({ key: filterKey, cursors: cursors.slice(0, -1) });
          }}
          onNext={() => {
            const end = connection.pageInfo.endCursor;
            if (end) setPaging({ key: filterKey, cursors: [...cursors, end] });
          }}
        />
      </>
    );
  }

  return (
    <div className="page tasks-page">
      <PageHeader
        icon="tasks"
        title={t('nav.tasks')}
        subtitle={unit ? t('tasks.list.subtitleUnit', { unit: unit.name }) : t('tasks.list.subtitle')}
      />
      <TasksNav />
      <section className="card tasks-card" aria-labelledby="task-list-title">
        <h2 id="task-list-title" className="card__title">
          {t('tasks.list.title')}
        </h2>
        <TaskTabs
          tabs={tabs}
          value={state.tab}
          panelId={PANEL_ID}
          onChange={(tab) => {
            update({ tab });
          }}
        />
        <div id={PANEL_ID} role="tabpanel" aria-labelledby={`task-tab-${state.tab}`} className="tasks-panel">
          <TaskFilters
            state={state}
            onChange={update}
            onClear={() => {
              update({ ...defaultState(hasUnit), tab: state.tab });
            }}
          />
          <div className="toolbar">
            <p className="toolbar__count" data-testid="task-count">
              {connection ? t('tasks.count', { count: connection.totalCount }) : ''}
            </p>
            <ExportButtons
              busy={exporting}
              disabled={!connection || connection.totalCount === 0}
              message={exportMessage}
              onExport={(f) => {
                void runExport(f);
              }}
            />
          </div>
          {body}
        </div>
      </section>
    </div>
  );
}
