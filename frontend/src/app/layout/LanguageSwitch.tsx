import { useI18n } from '../i18n/useI18n';
import { LANGUAGES } from '../i18n/messages';

/** VI | EN toggle; the choice is remembered (language only). */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__option"
          aria-pressed={language === l}
          aria-label={t(`language.${l}`)}
          title={t(`language.${l}`)}
          data-testid={`lang-${l}`}
          onClick={() => {
            setLanguage(l);
          }}
        >
          {t(`language.${l}Short`)}
        </button>
      ))}
    </div>
  );
}
