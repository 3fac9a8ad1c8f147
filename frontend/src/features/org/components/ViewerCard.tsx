import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { RoleList } from './RoleList';

export const ViewerCardFragment = graphql(`
  fragment ViewerCard_user on User {
    id
    username
    fullName
    position
    unit {
      id
      name
    }
    roles
  }
`);

/** The signed-in officer's identity card on the home page. */
export function ViewerCard(props: { user: FragmentType<typeof ViewerCardFragment> }) {
  const { t } = useI18n();
  const user = getFragmentData(ViewerCardFragment, props.user);
  return (
    <section className="card viewer-card" aria-labelledby="viewer-card-title">
      <h2 id="viewer-card-title" className="card__title">
        {t('org.home.profile')}
      </h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('org.home.fullName')}</dt>
          <dd data-testid="viewer-full-name">{user.fullName}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('org.home.position')}</dt>
          <dd>{user.position ?? <span className="muted">{t('org.home.noPosition')}</span>}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('org.home.unit')}</dt>
          <dd data-testid="viewer-unit">{user.unit?.name ?? <span className="muted">{t('org.home.noUnit')}</span>}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('org.home.username')}</dt>
          <dd>
            <code>{user.username}</code>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('org.home.roles')}</dt>
          <dd data-testid="viewer-roles">
            <RoleList roles={user.roles} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
