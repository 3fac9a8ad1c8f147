import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { ForbiddenMessage } from '../../../components/ForbiddenMessage';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import { ConclusionForm } from '../components/ConclusionForm';
import { ConclusionView } from '../components/ConclusionView';
import { MeetingHeader } from '../components/MeetingHeader';
import { useAction } from '../../../lib/useAction';
import type { ConclusionValues } from '../lib/validation';
import { ConclusionEditQuery, IssueConclusionMutation, SaveConclusionMutation } from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/** /meetings/:id/conclusion — draft, save and issue the conclusion notice (secretariat, chair). */
export function MeetingConclusionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ConclusionEditQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting ? t('meetings.conclusion.pageTitle', { title: meeting.title }) : t('meetings.conclusion.title'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  const action = useAction(refetch);
  const [saved, setSaved] = useState(false);

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
  if (!meeting) return <NotFoundPage />;
  if (!meeting.viewerCanManage) return <ForbiddenMessage />;

  const c = meeting.conclusion;
  const initial: ConclusionValues = {
    number: c?.number ?? '',
    issuedOn: c?.issuedOn ?? '',
    text: c?.text ?? '',
    directives: (c?.directives ?? []).map((d) => ({
      title: d.title,
      leadUnitId: d.leadUnit?.id ?? '',
      coordinatingUnitIds: d.coordinatingUnits.map((u) => u.id),
      dueDate: d.dueDate ?? '',
    })),
  };

  const save = (v: ConclusionValues) =>
    action.run(
      'save',
      SaveConclusionMutation,
      {
        input: {
          meetingId: meeting.id,
          number: v.number.trim() || null,
          issuedOn: v.issuedOn || null,
          text: v.text,
          directives: v.directives.map((d) => ({
            title: d.title.trim(),
            leadUnitId: d.leadUnitId,
            coordinatingUnitIds: [...d.coordinatingUnitIds],
            dueDate: d.dueDate || null,
          })),
        },
      },
      (r) => r.saveConclusion,
    );

  return (
    <div className="page">
      <p className="m-eyebrow">
        <Link to={`/meetings/${meeting.id}`}>{t('meetings.backToMeeting')}</Link>
      </p>
      <MeetingHeader meeting={meeting} eyebrow={t('meetings.conclusion.title')} />
      {saved ? (
        <p className="notice m-notice--success" role="status" data-testid="conclusion-saved">
          {t('meetings.conclusion.savedNotice')}
        </p>
      ) : null}
      {c?.issued ? (
        <section className="card">
          <ConclusionView conclusion={c} />
        </section>
      ) : (
        <ConclusionForm
          key={c ? 'saved' : 'new'}
          initial={initial}
          units={data.orgUnits}
          busy={action.pending === 'save' ? 'save' : action.pending === 'issue' ? 'issue' : null}
          problem={<FormProblem problem={action.problem} onDismiss={action.clear} />}
          onSave={(v) => {
            setSaved(false);
            void save(v).then((d) => {
              if (d) setSaved(true);
            });
          }}
          onIssue={(v) => {
            if (!window.confirm(t('meetings.conclusion.confirmIssue'))) return;
            setSaved(false);
            void save(v).then((d) => {
              if (!d) return;
              void action.run('issue', IssueConclusionMutation, { meetingId: meeting.id }, (r) => r.issueConclusion);
            });
          }}
        />
      )}
    </div>
  );
}
