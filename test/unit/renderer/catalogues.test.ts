// Every catalogue of the window, in every language: German and Turkish have each English key, each word is
// a sentence (not empty), and German has left nothing in English except names, codes and the words German
// shares with English (listed below, each with why).
import { describe, expect, it } from 'vitest';
import { tableOf, type Catalogue, type Messages, inLocale } from '../../../renderer/src/i18n/catalogue.js';
import * as common from '../../../renderer/src/i18n/common.js';
import { helpWords } from '../../../renderer/src/i18n/help.js';
import { headlineWords, problemAdvice, problemText } from '../../../renderer/src/i18n/problems.js';
import * as status from '../../../renderer/src/i18n/status.js';
import { testPaymentWords } from '../../../renderer/src/i18n/test-transaction.js';
import { findWords } from '../../../renderer/src/i18n/transactions.js';
import { signedOutWords, windowWords } from '../../../renderer/src/i18n/window.js';

type View = { readonly [inLocale]: Catalogue<Messages> };
const CATALOGUES: Record<string, View> = {
  ...(common as unknown as Record<string, View>),
  ...(status as unknown as Record<string, View>),
  helpWords,
  headlineWords,
  problemText,
  problemAdvice,
  testPaymentWords,
  findWords,
  windowWords,
  signedOutWords,
} as Record<string, View>;

/** The same in German as in English, on purpose. */
const SAME_IN_GERMAN = new Set([
  ...['payroc', 'smartretry', 'payporter', 'blink', 'lab4pay'].map((p) => `providerWords.${p}`), // names
  'terminalStateWords.offline', // "Offline" is what German terminals and staff say
  'cardWords.terminals', // das Terminal, die Terminals
  'findWords.terminal',
  'windowWords.status', // der Status
  'helpWords.version', // die Version
]);

/** A word as it is shown: a sentence, or what a function of the catalogue says for sample facts. */
function said(m: unknown, catalogue: string): string {
  if (typeof m === 'string') return m;
  const f = m as (...args: unknown[]) => string;
  if (catalogue.startsWith('problem'))
    return f({ provider: 'payroc', terminal: 'Desk', queued: 2, count: 2, direct: true });
  return f('12,50 €', 'Desk', 'room-1', '1. Dez. 2026', 2);
}

describe('the catalogues', () => {
  it('are all here', () => {
    expect(Object.keys(CATALOGUES).length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, view] of Object.entries(CATALOGUES)) {
    it(`${name}: German and Turkish say every English word, of the same kind, and not in English`, () => {
      const en = tableOf(view, 'en');
      for (const l of ['de', 'tr'] as const) {
        const other = tableOf(view, l);
        expect(Object.keys(other).sort(), `${name} in ${l}`).toEqual(Object.keys(en).sort());
        for (const key of Object.keys(en)) {
          const a = (en as Record<string, unknown>)[key];
          const b = (other as Record<string, unknown>)[key];
          expect(typeof b, `${name}.${key} in ${l}`).toBe(typeof a);
          expect(said(b, name).trim(), `${name}.${key} in ${l}`).not.toBe('');
          if (l === 'de' && !SAME_IN_GERMAN.has(`${name}.${key}`))
            expect(said(b, name), `${name}.${key} is still English in German`).not.toBe(said(a, name));
        }
      }
    });
  }

  it('write German and Turkish with their own letters (no ASCII stand-ins such as "ae" or "i" for "ı")', () => {
    const all = (l: 'de' | 'tr') =>
      Object.entries(CATALOGUES)
        .flatMap(([name, v]) => Object.values(tableOf(v, l)).map((m) => said(m, name)))
        .join('\n');
    expect(all('de')).toMatch(/[äöüß]/);
    expect(all('de')).not.toMatch(/\b(fuer|koennen|ueber|muss geprueft|Praefix)\b/i);
    expect(all('tr')).toMatch(/[çğıİöşü]/);
    expect(all('tr')).not.toMatch(/\b(odeme|islem|iptal edildi\?|basarisiz|cevrim)\b/i);
  });
});
