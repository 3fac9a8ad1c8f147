import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { MODULES } from '../../../app/modules';
import { Icon } from '../../../components/Icon';
import { StatusPage } from '../../../components/StatusPage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { ViewerCard } from '../components/ViewerCard';
import { ViewerQuery, ViewerUpdatedSubscription } from '../operations';
import { LoginButton } from '../../../app/auth/LoginButton';
import { QueryPending } from '../../../components/QueryPending';

/** `/`: who is signed in (name, unit, roles) and the way into each module. */
export function HomePage() {
  const { t, formatDate, formatWeekday } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ViewerQuery });
  const viewerId = data?.viewer?.id;
  const [live] = useSubscription({
    query: ViewerUpdatedSubscription,
    variables: { id: viewerId ?? '' },
    pause: !viewerId,
  });
  usePageTitle(t('org.home.title'));
  const today = new Date();

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={reexecute} />;
  const viewer = live.data?.userUpdated ?? data?.viewer;
  if (!viewer)
    return (
      <StatusPage icon="user" title={t('error.unauthenticated')} actions={<LoginButton />}>
        <p>{t('auth.noViewer')}</p>
      </StatusPage>
    );

  return (
    <div className="page home">
      <header className="home__hero">
        <p className="home__date" data-testid="today">
          {t('org.home.today', { weekday: formatWeekday(today), date: formatDate(today) })}
        </p>
        <h1 className="home__welcome" data-testid="welcome">
          {t('org.home.welcome', { name: viewer.fullName })}
        </h1>
        {viewer.unit ? <p className="home__unit">{viewer.unit.name}</p> : null}
      </header>
      <div className="home__grid">
        <ViewerCard user={viewer} />
        <section className="card modules" aria-labelledby="modules-title">
          <h2 id="modules-title" className="card__title">
            {t('org.home.modules')}
          </h2>
          <ul className="modules__list">
            {MODULES.map((m) => (
              <li key={m.key}>
                <Link className="module-tile" to={m.path}>
                  <span className="module-tile__icon">
                    <Icon name={m.icon} />
                  </span>
                  <span className="module-tile__text">
                    <span className="module-tile__label">{t(m.label)}</span>
                    <span className="module-tile__description">{t(m.description)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
