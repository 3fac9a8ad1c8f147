import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Language, MessageKey, Params } from './messages';
import { formatDate, formatDateTime, formatLongDate, formatWeekday, hasMessage, translate } from './messages';
import { languageStore } from './store';

export interface I18n {
  language: Language;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys built at run time (e.g. `org.role.${role}`): falls back to `fallback` when unknown. */
  tDynamic: (key: string, fallback: string, params?: Params) => string;
  setLanguage: (language: Language) => void;
  formatDate: (value: Date | string | number) => string;
  formatDateTime: (value: Date | string | number) => string;
  formatLongDate: (value: Date | string | number) => string;
  formatWeekday: (value: Date | string | number) => string;
}

const subscribe = (listener: () => void) => languageStore.subscribe(listener);
const getLanguage = () => languageStore.language;

export function useI18n(): I18n {
  const language = useSyncExternalStore(subscribe, getLanguage, getLanguage);
  const setLanguage = useCallback((l: Language) => {
    languageStore.setLanguage(l);
  }, []);
  return useMemo<I18n>(
    () => ({
      language,
      t: (key, params) => translate(language, key, params),
      tDynamic: (key, fallback, params) => (hasMessage(key) ? translate(language, key, params) : fallback),
      setLanguage,
      formatDate: (v) => formatDate(v, language),
      formatDateTime: (v) => formatDateTime(v, language),
      formatLongDate: (v) => formatLongDate(v, language),
      formatWeekday: (v) => formatWeekday(v, language),
    }),
    [language, setLanguage],
  );
}
