import type { Language } from './messages';
import { DEFAULT_LANGUAGE, isLanguage } from './messages';

/**
 * The current language: Vietnamese unless the user switched. The choice (and nothing else)
 * is remembered in localStorage; `<html lang>` follows it.
 */
export const LANGUAGE_STORAGE_KEY = 'ecabinet.language';

export interface LanguageStore {
  readonly language: Language;
  setLanguage(language: Language): void;
  subscribe(listener: () => void): () => void;
}

export function createLanguageStore(
  options: {
    storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
    onChange?: (language: Language) => void;
  } = {},
): LanguageStore {
  const storage = options.storage ?? null;
  const listeners = new Set<() => void>();
  let stored: string | null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  let language: Language = isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  options.onChange?.(language);
  return {
    get language() {
      return language;
    },
    setLanguage(next) {
      if (!isLanguage(next) || next === language) return;
      language = next;
      try {
        storage?.setItem(LANGUAGE_STORAGE_KEY, next);
      } catch {
        // Private mode or full storage: the switch still works for this page.
      }
      options.onChange?.(next);
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The app's one language store. */
export const languageStore: LanguageStore = createLanguageStore({
  storage: browserStorage(),
  onChange: (language) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  },
});
