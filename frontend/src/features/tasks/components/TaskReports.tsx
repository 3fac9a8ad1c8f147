import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { formatSize } from '../lib/attachments';
import { ProgressBar } from './ProgressBar';

export const TaskReportsFragment = graphql(`
  fragment TaskReports_task on Task {
    reports {
      id
      text
      progress
      createdAt
      author {
        id
        fullName
      }
      attachments {
        id
        name
        size
        url
      }
    }
  }
`);

/** Progress reports, newest first; the report form (when allowed) comes as `children`. */
export function TaskReports(props: { task: FragmentType<typeof TaskReportsFragment>; children?: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const { reports } = getFragmentData(TaskReportsFragment, props.task);
  return (
    <section className="card" aria-labelledby="task-reports-title">
      <h2 id="task-reports-title" className="card__title">
        {t('tasks.detail.reports')} <span className="count">({reports.length})</span>
      </h2>
      {props.children}
      {reports.length === 0 ? (
        <p className="empty">{t('tasks.detail.noReports')}</p>
      ) : (
        <ul className="entries" data-testid="task-reports">
          {reports.map((r) => (
            <li key={r.id} className="entry">
              <div className="entry__head">
                <ProgressBar value={r.progress} />
                <span className="entry__meta">
                  <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                  {r.author ? ` · ${r.author.fullName}` : null}
                </span>
              </div>
              <p className="entry__text prose">{r.text}</p>
              {r.attachments.length > 0 ? (
                <ul
                  className="task-attachments"
                  aria-label={t('tasks.attachments.title')}
                  data-testid="report-attachments"
                >
                  {r.attachments.map((a) => (
                    <li key={a.id}>
                      {/* File.url: a signed link valid five minutes, refreshed with every query */}
                      <a href={a.url} target="_blank" rel="noopener" className="task-attachments__link">
                        {a.name}
                      </a>{' '}
                      <span className="muted">({formatSize(a.size)})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
