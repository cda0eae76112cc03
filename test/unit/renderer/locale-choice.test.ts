// Which language the window starts in: the switch's stored choice, else the first of the browser's (or the
// shell's) languages it speaks, else English; the switch keeps its choice and marks the page's language;
// Intl formats with the browser's own variant of the chosen language.
import { afterEach, describe, expect, it, vi } from 'vitest';

const KEY = 'posbridge.locale';

function storage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

/** The locale module as a page loads it: fresh, with this browser's storage and languages. */
async function load(opts: { stored?: string; languages?: string[]; throwing?: boolean }) {
  vi.resetModules();
  const store = storage(opts.stored ? { [KEY]: opts.stored } : {});
  vi.stubGlobal(
    'localStorage',
    opts.throwing
      ? {
          getItem: () => {
            throw new Error('SecurityError');
          },
          setItem: () => {
            throw new Error('SecurityError');
          },
        }
      : store,
  );
  vi.stubGlobal('navigator', { languages: opts.languages ?? [], language: opts.languages?.[0] ?? '' });
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  const mod = await import('../../../renderer/src/i18n/locale.js');
  return { ...mod, store };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the language the window starts in', () => {
  it("is the browser's first language the window speaks, when nothing is stored", async () => {
    expect((await load({ languages: ['de-AT', 'en-GB'] })).locale()).toBe('de');
    expect((await load({ languages: ['fr-FR', 'tr-TR'] })).locale()).toBe('tr');
    expect((await load({ languages: ['fr-FR', 'es'] })).locale()).toBe('en');
    expect((await load({})).locale()).toBe('en');
  });

  it('is the choice stored by the switch, whatever the browser says; a stored word that is no language is ignored', async () => {
    expect((await load({ stored: 'tr', languages: ['de-DE'] })).locale()).toBe('tr');
    expect((await load({ stored: 'xx', languages: ['de-DE'] })).locale()).toBe('de');
  });

  it('still follows the browser where storage is refused, and the switch still switches', async () => {
    const m = await load({ throwing: true, languages: ['tr'] });
    expect(m.locale()).toBe('tr');
    m.setLocale('de');
    expect(m.locale()).toBe('de');
  });

  it('the switch keeps its choice for the next window and marks the page with it (<html lang>)', async () => {
    const m = await load({ languages: ['en-US'] });
    m.setLocale('de');
    expect(m.store.map.get(KEY)).toBe('de');
    expect((globalThis.document as { documentElement: { lang: string } }).documentElement.lang).toBe('de');
    const again = await load({ stored: m.store.map.get(KEY)!, languages: ['en-US'] });
    expect(again.locale()).toBe('de');
  });

  it("formats with the browser's own variant of the chosen language, else the language itself", async () => {
    const m = await load({ languages: ['en-GB', 'de-CH'] });
    expect(m.intlTag()).toBe('en-GB');
    m.setLocale('de');
    expect(m.intlTag()).toBe('de-CH');
    m.setLocale('tr');
    expect(m.intlTag()).toBe('tr');
  });

  it("takes the desktop's language the tray passes while nothing is chosen, and never stores it", async () => {
    const m = await load({ languages: ['en-US'] });
    m.preferSystemLanguage('de-DE');
    expect(m.locale()).toBe('de');
    expect(m.store.map.has(KEY)).toBe(false);
    m.preferSystemLanguage('fr-FR'); // not spoken here: the browser's languages decide again
    expect(m.locale()).toBe('en');
    const chosen = await load({ stored: 'tr', languages: ['en-US'] });
    chosen.preferSystemLanguage('de-DE');
    expect(chosen.locale()).toBe('tr');
  });

  it('reads the language from the login link, and only a well-formed tag', async () => {
    const { loginFromFragment } = await import('../../../renderer/src/session.js');
    expect(loginFromFragment('#login=pbl_1&view=/pair&lang=de-DE')).toEqual({
      login: 'pbl_1',
      view: '#/pair',
      lang: 'de-DE',
    });
    expect(loginFromFragment('#login=pbl_1&lang=<script>')).toEqual({ login: 'pbl_1', view: '' });
  });
});
