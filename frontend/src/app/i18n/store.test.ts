import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../test/memoryStorage';
import { LANGUAGE_STORAGE_KEY, createLanguageStore } from './store';

describe('language store', () => {
  it('starts in Vietnamese', () => {
    expect(createLanguageStore({ storage: new MemoryStorage() }).language).toBe('vi');
  });

  it('remembers the switch (the language and nothing else)', () => {
    const storage = new MemoryStorage();
    const store = createLanguageStore({ storage });
    store.setLanguage('en');
    expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(storage.length).toBe(1);
    expect(createLanguageStore({ storage }).language).toBe('en');
  });

  it('ignores an unknown stored value', () => {
    const storage = new MemoryStorage();
    storage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(createLanguageStore({ storage }).language).toBe('vi');
  });

  it('tells listeners and the onChange hook (which sets <html lang>)', () => {
    const onChange = vi.fn();
    const store = createLanguageStore({ storage: new MemoryStorage(), onChange });
    const listener = vi.fn();
    store.subscribe(listener);
    store.setLanguage('en');
    store.setLanguage('en');
    expect(listener).toHaveBeenCalledOnce();
    expect(onChange.mock.calls).toEqual([['vi'], ['en']]);
  });
});
