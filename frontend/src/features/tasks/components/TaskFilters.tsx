import type { SyntheticEvent } from 'react';
import { useId, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { SortChoice, StatusChoice, TaskListState } from '../lib/listState';
import { STATUS_CHOICES, WITHIN_CHOICES, hasFilters } from '../lib/listState';

/**
 * Status, overdue, due within N days, assigned by me, source meeting (set from a task's
 * source), search and order; each change is applied at once.
 */
export function TaskFilters({
  state,
  onChange,
  onClear,
}: {
  state: TaskListState;
  onChange: (patch: Partial<TaskListState>) => void;
  onClear: () => void;
}) {
  const { t, tDynamic } = useI18n();
  const id = useId();
  const [search, setSearch] = useState(state.search);
  // The URL changed the search (back button, "clear filters"): follow it.
  const [shown, setShown] = useState(state.search);
  if (shown !== state.search) {
    setShown(state.search);
    setSearch(state.search);
  }

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onChange({ search: search.trim() });
  };

  return (
    <form className="filters" role="search" aria-label={t('tasks.filters.label')} onSubmit={submit}>
      <div className="field field--grow">
        <label htmlFor={`${id}-q`}>{t('tasks.filters.search')}</label>
        <div className="field__inline">
          <input
            id={`${id}-q`}
            type="search"
            className="input"
            value={search}
            maxLength={100}
            placeholder={t('tasks.filters.searchPlaceholder')}
            data-testid="task-search"
            onChange={(e) => {
              setSearch(e.target.value);
            }}
          />
          <button type="submit" className="button button--secondary">
            {t('tasks.filters.searchButton')}
          </button>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('tasks.field.status')}</label>
        <select
          id={`${id}-status`}
          className="input"
          value={state.status}
          data-testid="task-status-filter"
          onChange={(e) => {
            onChange({ status: e.target.value as StatusChoice });
          }}
        >
          {STATUS_CHOICES.map((s) => (
            <option key={s} value={s}>
              {s === '' ? t('tasks.filters.anyStatus') : tDynamic(`tasks.filters.status.${s}`, s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-within`}>{t('tasks.filters.within')}</label>
        <select
          id={`${id}-within`}
          className="input"
          value={state.within === null ? '' : String(state.within)}
          data-testid="task-within-filter"
          onChange={(e) => {
            onChange({ within: e.target.value === '' ? null : Number(e.target.value) });
          }}
        >
          <option value="">{t('tasks.filters.anyDeadline')}</option>
          {[...new Set([...WITHIN_CHOICES, ...(state.within === null ? [] : [state.within])])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {t('tasks.filters.withinDays', { days: n })}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('tasks.filters.sort')}</label>
        <select
          id={`${id}-sort`}
          className="input"
          value={state.sort}
          onChange={(e) => {
            onChange({ sort: e.target.value as SortChoice });
          }}
        >
          <option value="DUE_DATE_ASC">{t('tasks.filters.sortDueAsc')}</option>
          <option value="DUE_DATE_DESC">{t('tasks.filters.sortDueDesc')}</option>
        </select>
      </div>
      <div className="field field--check">
        <input
          id={`${id}-overdue`}
          type="checkbox"
          className="checkbox"
          checked={state.overdue}
          data-testid="task-overdue-filter"
          onChange={(e) => {
            onChange({ overdue: e.target.checked });
          }}
        />
        <label htmlFor={`${id}-overdue`}>{t('tasks.filters.overdueOnly')}</label>
      </div>
      <div className="field field--check">
        <input
          id={`${id}-mine`}
          type="checkbox"
          className="checkbox"
          checked={state.mine}
          data-testid="task-mine-filter"
          onChange={(e) => {
            onChange({ mine: e.target.checked });
          }}
        />
        <label htmlFor={`${id}-mine`}>{t('tasks.filters.assignedByMe')}</label>
      </div>
      {state.meeting ? (
        <div className="field field--end">
          <button
            type="button"
            className="button button--secondary"
            data-testid="task-meeting-filter"
            aria-label={`${t('tasks.filters.removeFilter')}: ${t('tasks.filters.fromMeeting')}`}
            onClick={() => {
              onChange({ meeting: null });
            }}
          >
            {t('tasks.filters.fromMeeting')} ×
          </button>
        </div>
      ) : null}
      {hasFilters(state) ? (
        <div className="field field--end">
          <button type="button" className="button button--secondary" onClick={onClear}>
            {t('tasks.filters.clear')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
