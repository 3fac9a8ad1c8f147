import { useI18n } from '../../../app/i18n/useI18n';

/** Roles as chips, named in the current language (an unknown role shows its code). */
export function RoleList({ roles }: { roles: readonly string[] }) {
  const { t, tDynamic } = useI18n();
  if (roles.length === 0) return <span className="muted">{t('org.home.noRoles')}</span>;
  return (
    <ul className="chips">
      {roles.map((role) => (
        <li key={role} className="chip">
          {tDynamic(`org.role.${role}`, role)}
        </li>
      ))}
    </ul>
  );
}
