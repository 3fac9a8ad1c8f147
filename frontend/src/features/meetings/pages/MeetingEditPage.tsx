import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { ForbiddenMessage } from '../../../components/ForbiddenMessage';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import type { MeetingFormState } from '../components/MeetingForm';
import { MeetingForm } from '../components/MeetingForm';
import { pickedFrom } from '../components/UserPicker';
import { useAction } from '../../../lib/useAction';
import { useUserSearch } from '../hooks/useUserSearch';
import { inputToIso, isoToInput } from '../lib/datetime';
import {
  AddParticipantMutation,
  ChangeParticipantRoleMutation,
  MeetingEditQuery,
  RemoveParticipantMutation,
  UpdateMeetingMutation,
} from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/** /meetings/:id/edit — change the details, invite or remove participants and units. */
export function MeetingEditPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetingEditQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting ? t('meetings.editTitle', { title: meeting.title }) : t('meetings.edit'));
  const allowed = !!meeting && meeting.viewerCanManage;
  const users = useUserSearch(allowed);
  const action = useAction();

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={reexecute} />;
  if (!meeting) return <NotFoundPage />;
  if (!allowed || meeting.viewerNextStatuses.length === 0) return <ForbiddenMessage />;

  const before = meeting.participants.flatMap((p) => (p.user ? [pickedFrom(p.user, p.role)] : []));
  const initial: MeetingFormState = {
    title: meeting.title,
    kind: meeting.kind,
    startsAt: isoToInput(meeting.startsAt),
    endsAt: isoToInput(meeting.endsAt),
    location: meeting.location ?? '',
    confidentiality: meeting.confidentiality,
    participants: before,
    invitedUnitIds: meeting.invitedUnits.map((u) => u.id),
  };

  const submit = async (v: MeetingFormState) => {
    const updated = await action.run(
      'save',
      UpdateMeetingMutation,
      {
        input: {
          id: meeting.id,
          title: v.title.trim(),
          kind: v.kind,
          startsAt: inputToIso(v.startsAt),
          endsAt: v.endsAt ? inputToIso(v.endsAt) : null,
          location: v.location.trim(),
          confidentiality: v.confidentiality,
          invitedUnitIds: v.invitedUnitIds,
        },
      },
      (d) => d.updateMeeting,
    );
    if (!updated) return;
    const was = new Map(before.map((p) => [p.userId, p.role]));
    const now = new Map(v.participants.map((p) => [p.userId, p.role]));
    // Removals first, then role changes (the old chair's first: a new chair may replace
    // them), then new invitations. A changed role keeps the participant's answer and check-in.
    for (const [userId] of was) {
      if (now.has(userId)) continue;
      const ok = await action.run(
        'participants',
        RemoveParticipantMutation,
        { input: { meetingId: meeting.id, userId } },
        (d) => d.removeParticipant,
      );
      if (!ok) return;
    }
    const changed = [...now]
      .filter(([userId, role]) => was.has(userId) && was.get(userId) !== role)
      .sort(([a], [b]) => Number(was.get(b) === 'CHAIR') - Number(was.get(a) === 'CHAIR'));
    for (const [userId, role] of changed) {
      const ok = await action.run(
        'participants',
        ChangeParticipantRoleMutation,
        { input: { meetingId: meeting.id, userId, role } },
        (d) => d.changeParticipantRole,
      );
      if (!ok) return;
    }
    for (const [userId, role] of now) {
      if (was.has(userId)) continue;
      const ok = await action.run(
        'participants',
        AddParticipantMutation,
        { input: { meetingId: meeting.id, userId, role } },
        (d) => d.addParticipant,
      );
      if (!ok) return;
    }
    void navigate(`/meetings/${meeting.id}`);
  };

  return (
    <div className="page">
      <header className="page__header">
        <div className="m-page-heading">
          <p className="m-eyebrow">
            <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
          </p>
          <h1 className="page__title">{t('meetings.edit')}</h1>
        </div>
      </header>
      <MeetingForm
        initial={initial}
        submitLabel={t('meetings.form.save')}
        submitting={action.pending !== null}
        onSubmit={(v) => {
          void submit(v);
        }}
        units={data.orgUnits}
        userSearch={users.search}
        onUserSearch={users.setSearch}
        userResults={users.results}
        searching={users.fetching}
        problem={<FormProblem problem={action.problem} onDismiss={action.clear} />}
        cancel={
          <Link className="button button--secondary" to={`/meetings/${meeting.id}`}>
            {t('common.cancel')}
          </Link>
        }
      />
    </div>
  );
}
