// The headline the window composes from the daemon's problem codes: in English it says exactly what the
// daemon says (so nothing is lost by composing it), and in German and Turkish it says it in those words.
import { afterEach, describe, expect, it } from 'vitest';
import { summarise, type StatusFacts, type TerminalFacts } from '../../../bridge/api/status-line.js';
import { setLocale } from '../../../renderer/src/i18n/locale.js';
import { sayHeadline, sayProblem } from '../../../renderer/src/i18n/problems.js';

afterEach(() => setLocale('en'));

const t = (over: Partial<TerminalFacts> = {}): TerminalFacts => ({
  id: 't650',
  name: 'T650',
  provider: 'blink',
  state: 'ready',
  providerUnreachable: false,
  direct: false,
  ...over,
});
const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
  databaseOk: true,
  stopping: false,
  paused: null,
  terminals: [t()],
  queued: 0,
  unresolved: 0,
  ...over,
});

/** Every kind of problem the daemon names, alone and together, with one and with several waiting. */
const CASES: StatusFacts[] = [
  facts(),
  facts({ terminals: [t(), t({ id: 'b' })] }),
  facts({ databaseOk: false }),
  facts({ integrityFailure: 'page 7 damaged' }),
  facts({ stopping: true }),
  facts({ paused: { since: '2026-12-01T10:00:00Z', by: 'till' } }),
  facts({ terminals: [t({ state: 'needs_pairing' }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'failing', providerFailing: true, queued: 1 }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'failing', providerFailing: true, queued: 3 }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'failing', providerFailing: true, queued: 0 }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'offline', providerUnreachable: true, queued: 0 }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'offline', providerUnreachable: true, queued: 1 }), t({ id: 'b' })] }),
  facts({ terminals: [t({ state: 'offline', providerUnreachable: true, queued: 2 })] }),
  facts({ terminals: [t({ provider: 'zvt', name: 'Desk', state: 'offline', direct: true })] }),
  facts({ terminals: [t({ state: 'offline' }), t({ id: 'b', provider: 'payroc', state: 'offline' })] }),
  facts({ terminals: [] }),
  facts({ unresolved: 1 }),
  facts({ unresolved: 4, orphanHolds: 1 }),
  facts({ orphanHolds: 2, stopping: true, terminals: [t({ state: 'offline' })] }),
  facts({ failedFollowUps: 1 }),
  facts({ failedFollowUps: 3, unresolved: 1 }),
];

describe('the headline composed in the window', () => {
  it('says in English exactly what the daemon says, for every kind of problem', () => {
    for (const f of CASES) {
      const s = summarise(f);
      expect(sayHeadline(s)).toEqual({ headline: s.headline, advice: s.advice });
      for (const p of s.problems) expect(sayProblem(p, s.problems)).toEqual({ text: p.text, advice: p.advice });
    }
  });

  it('says the same in German and Turkish, with no English sentence left', () => {
    for (const l of ['de', 'tr'] as const) {
      setLocale(l);
      for (const f of CASES) {
        const s = summarise(f);
        const said = sayHeadline(s);
        expect(said.headline).not.toBe(s.headline);
        if (s.advice) expect(said.advice).not.toBe(s.advice);
        for (const p of s.problems) expect(sayProblem(p, s.problems).text).not.toBe(p.text);
      }
    }
    setLocale('de');
    const failing = summarise(
      facts({
        terminals: [t({ provider: 'payroc', name: 'Desk', state: 'failing', providerFailing: true, queued: 2 })],
      }),
    );
    expect(sayHeadline(failing)).toEqual({
      headline: 'Kein Terminal kann gerade Kartenzahlungen annehmen',
      advice:
        'Payroc antwortet, aber mit Fehlern. 2 wartende Zahlungen werden von selbst erneut versucht. Bleibt es so, rufen Sie den Support an.',
    });
    setLocale('tr');
    expect(sayHeadline(summarise(facts({ terminals: [t(), t({ id: 'b' })], unresolved: 1 }))).headline).toBe(
      '1 ödeme kontrol edilmeli',
    );
  });

  it("shows the daemon's own words for a problem code this window does not know yet", () => {
    setLocale('de');
    const p = { level: 'degraded', code: 'something_new', params: {}, text: 'Something new', advice: 'Do this.' };
    expect(sayProblem(p)).toEqual({ text: 'Something new', advice: 'Do this.' });
  });
});
