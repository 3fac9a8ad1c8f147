import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { ForbiddenMessage } from '../../../components/ForbiddenMessage';
import { Spinner } from '../../../components/Spinner';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import type { MeetingFormState } from '../components/MeetingForm';
import { MeetingForm } from '../components/MeetingForm';
import { useAction } from '../../../lib/useAction';
import { useUserSearch } from '../hooks/useUserSearch';
import { inputHoursFromNow, inputToIso } from '../lib/datetime';
import { CreateMeetingMutation, MeetingCapabilitiesQuery, OrgUnitsQuery } from '../operations';

function initialState(): MeetingFormState {
  const start = `${inputHoursFromNow(24).slice(0, 11)}08:00`;
  return {
    title: '',
    kind: 'REGULAR',
    startsAt: start,
    endsAt: `${start.slice(0, 11)}11:00`,
    location: '',
    confidentiality: 'INTERNAL',
    participants: [],
    invitedUnitIds: [],
  };
}

/** /meetings/new — the secretariat prepares a meeting (created as a draft). */
export function MeetingNewPage() {
  const { t } = useI18n();
  usePageTitle(t('meetings.new'));
  const navigate = useNavigate();
  const [{ data, fetching }] = useQuery({ query: MeetingCapabilitiesQuery });
  const [units] = useQuery({ query: OrgUnitsQuery });
  const allowed = data?.viewerCan.createMeeting ?? false;
  const users = useUserSearch(allowed);
  const action = useAction();

  if (!data && fetching) return <Spinner label={t('common.loading')} />;
  if (!allowed) return <ForbiddenMessage />;

  const submit = (v: MeetingFormState) => {
    void action
      .run(
        'create',
        CreateMeetingMutation,
        {
          input: {
            title: v.title.trim(),
            kind: v.kind,
            startsAt: inputToIso(v.startsAt) ?? v.startsAt,
            endsAt: v.endsAt ? inputToIso(v.endsAt) : null,
            location: v.location.trim() || null,
            confidentiality: v.confidentiality,
            participants: v.participants.map((p) => ({ userId: p.userId, role: p.role })),
            invitedUnitIds: v.invitedUnitIds,
          },
        },
        (d) => d.createMeeting,
      )
      .then((d) => {
        const id = d?.createMeeting.meeting?.id;
        if (id) void navigate(`/meetings/${id}`);
      });
  };

  return (
    <div className="page">
      <header className="page__header">
        <div className="m-page-heading">
          <p className="m-eyebrow">
            <Link to="/meetings">{t('nav.meetings')}</Link>
          </p>
          <h1 className="page__title">{t('meetings.new')}</h1>
          <p className="page__subtitle">{t('meetings.newHint')}</p>
        </div>
      </header>
      <MeetingForm
        initial={initialState()}
        submitLabel={t('meetings.form.create')}
        submitting={action.pending !== null}
        onSubmit={submit}
        units={units.data?.orgUnits ?? []}
        userSearch={users.search}
        onUserSearch={users.setSearch}
        userResults={users.results}
        searching={users.fetching}
        problem={<FormProblem problem={action.problem} onDismiss={action.clear} />}
        cancel={
          <Link className="button button--secondary" to="/meetings">
            {t('common.cancel')}
          </Link>
        }
      />
    </div>
  );
}
