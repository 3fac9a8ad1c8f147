import { useI18n } from '../../../app/i18n/useI18n';

/** Previous / next page through a cursor connection, with "1–20 of 57". */
export function Pager(props: {
  page: number;
  pageSize: number;
  shown: number;
  total: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useI18n();
  const first = props.total === 0 ? 0 : props.page * props.pageSize + 1;
  const last = props.page * props.pageSize + props.shown;
  return (
    <nav className="pager" aria-label={t('tasks.pager.label')}>
      <p className="pager__status" aria-live="polite" data-testid="pager-status">
        {t('tasks.pager.status', { first, last, total: props.total })}
      </p>
      <div className="pager__buttons">
        <button
          type="button"
          className="button button--secondary"
          disabled={props.page === 0}
          onClick={props.onPrevious}
          data-testid="pager-previous"
        >
          {t('tasks.pager.previous')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!props.hasNext}
          onClick={props.onNext}
          data-testid="pager-next"
        >
          {t('tasks.pager.next')}
        </button>
      </div>
    </nav>
  );
}
