import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';

export const ConclusionViewFragment = graphql(`
  fragment ConclusionView_conclusion on Conclusion {
    number
    issuedOn
    text
    issued
    directives {
      title
      dueDate
      taskId
      leadUnit {
        id
        name
      }
      coordinatingUnits {
        id
        name
      }
    }
  }
`);

/** The conclusion notice (thông báo kết luận) and its directives: lead unit, coordinators, deadline. */
export function ConclusionView(props: { conclusion: FragmentType<typeof ConclusionViewFragment> }) {
  const { t, formatDate } = useI18n();
  const c = getFragmentData(ConclusionViewFragment, props.conclusion);
  return (
    <div className="conclusion" data-testid="conclusion">
      <p className="conclusion__meta">
        <span className={c.issued ? 'badge m-status m-status--issued' : 'badge m-status m-status--draft'}>
          {c.issued ? t('meetings.conclusion.issued') : t('meetings.conclusion.draft')}
        </span>
        {c.number ? <span>{t('meetings.conclusion.numberIs', { number: c.number })}</span> : null}
        {c.issuedOn ? <span>{t('meetings.conclusion.dateIs', { date: formatDate(c.issuedOn) })}</span> : null}
      </p>
      {c.text ? (
        <div className="conclusion__text">
          {c.text.split(/\n{2,}/).map((para, i) => (
            // Paragraphs of a plain text have no identity but their order.
            <p key={i}>{para}</p>
          ))}
        </div>
      ) : null}
      {c.directives.length > 0 ? (
        <>
          <h3 className="conclusion__subtitle">{t('meetings.conclusion.directives')}</h3>
          <ol className="directives">
            {c.directives.map((d, i) => (
              <li key={`${String(i)}-${d.title}`} className="directive">
                <p className="directive__title">{d.title}</p>
                <dl className="directive__facts">
                  <div>
                    <dt>{t('meetings.conclusion.leadUnit')}</dt>
                    <dd>{d.leadUnit?.name ?? '—'}</dd>
                  </div>
                  {d.coordinatingUnits.length > 0 ? (
                    <div>
                      <dt>{t('meetings.conclusion.coordinatingUnits')}</dt>
                      <dd>{d.coordinatingUnits.map((u) => u.name).join('; ')}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t('meetings.conclusion.dueDate')}</dt>
                    <dd>{d.dueDate ? formatDate(d.dueDate) : t('meetings.conclusion.noDueDate')}</dd>
                  </div>
                </dl>
                {d.taskId ? <p className="directive__task">{t('meetings.conclusion.taskCreated')}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
