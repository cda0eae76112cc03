// The window's languages: which one is chosen, that a catalogue reads the language of the moment, and
// that money and instants follow it through Intl.
import { afterEach, describe, expect, it } from 'vitest';
import { messages, tableOf } from '../../../renderer/src/i18n/catalogue.js';
import { dateTime, money } from '../../../renderer/src/i18n/format.js';
import { locale, pickLocale, setLocale } from '../../../renderer/src/i18n/locale.js';

afterEach(() => setLocale('en'));

describe('the window language', () => {
  it("takes the first of the browser's languages it speaks, by language whatever the region, else English", () => {
    expect(pickLocale(['fr-FR', 'de-AT', 'en-GB'])).toBe('de');
    expect(pickLocale(['TR-tr'])).toBe('tr');
    expect(pickLocale(['fr', 'es'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('reads each word in the language set at the moment of reading', () => {
    const w = messages({
      en: { title: 'Held', n: (k: number) => `${k} held` },
      de: { title: 'Reserviert', n: (k: number) => `${k} reserviert` },
      tr: { title: 'Provizyon', n: (k: number) => `${k} provizyon` },
    });
    expect([w.title, w.n(2)]).toEqual(['Held', '2 held']);
    setLocale('de');
    expect(locale()).toBe('de');
    expect([w.title, w.n(2)]).toEqual(['Reserviert', '2 reserviert']);
    expect(tableOf(w, 'tr').title).toBe('Provizyon');
  });

  it("formats money and instants in the language's own way, with the day and the time zone", () => {
    expect(money(1250, 'EUR')).toBe('€12.50');
    expect(money(500, 'JPY')).toBe('¥500');
    expect(money(null, 'EUR')).toBe('—');
    setLocale('de');
    expect(money(123456, 'EUR')).toBe('1.234,56\u00a0€');
    expect(dateTime('2026-12-01T16:40:12Z')).toMatch(/1\. Dez\. 2026.*\d\d:40:12/);
    setLocale('tr');
    expect(money(1250, 'TRY')).toBe('₺12,50');
  });
});
