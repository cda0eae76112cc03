// The one line a cashier reads: what it says for each kind of trouble, and which trouble wins.
import { describe, expect, it } from 'vitest';
import { summarise, type StatusFacts, type TerminalFacts } from '../../../bridge/api/status-line.js';

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

describe('summarise', () => {
  it('says payments work when nothing is wrong', () => {
    expect(summarise(facts())).toMatchObject({ level: 'ok', headline: 'Card payments work', advice: '', problems: [] });
    expect(summarise(facts({ terminals: [t(), t({ id: 'b' })] })).headline).toBe(
      'Card payments work on all 2 terminals',
    );
  });

  it('names an offline terminal and what to check, by how it is connected', () => {
    const cloud = summarise(facts({ terminals: [t({ state: 'offline' }), t({ id: 'x', name: 'Bar' })] }));
    expect(cloud).toMatchObject({
      level: 'degraded',
      headline: 'Blink terminal T650 is offline',
      advice: 'Check its power and network.',
    });
    const cable = summarise(
      facts({ terminals: [t({ provider: 'zvt', name: 'Desk', state: 'offline', direct: true }), t({ id: 'x' })] }),
    );
    expect(cable.advice).toBe('Check its power and its cable to this PC.');
    // A ZVT terminal on the network has no cable to this PC: its advice names the network and its address.
    const network = summarise(
      facts({
        terminals: [
          t({ provider: 'zvt', name: 'Desk', state: 'offline', direct: true, medium: 'network' }),
          t({ id: 'x' }),
        ],
      }),
    );
    expect(network.advice).toBe('Check its power, its network connection and its IP address.');
  });

  it('tells an unreachable provider apart from an offline terminal, with what waits', () => {
    const s = summarise(
      facts({ terminals: [t({ state: 'offline', providerUnreachable: true }), t({ id: 'x' })], queued: 2 }),
    );
    expect(s.headline).toBe('Blink cannot be reached for T650');
    expect(s.advice).toBe("Check this PC's internet connection. 2 waiting payments go out when it is back.");
  });

  it('is down when no terminal works, or the database cannot be written, and down wins', () => {
    const none = summarise(facts({ terminals: [t({ state: 'offline' })] }));
    expect(none).toMatchObject({
      level: 'down',
      headline: 'No terminal can take card payments now',
      advice: 'Check its power and network.',
    });
    const db = summarise(facts({ databaseOk: false, unresolved: 3 }));
    expect(db.level).toBe('down');
    expect(db.headline).toBe('Card payments are stopped: posbridge cannot save to its database');
  });

  it('counts further problems in the headline and lists them all', () => {
    const s = summarise(
      facts({
        paused: { since: 'x', by: 'tray' },
        unresolved: 1,
        terminals: [t({ state: 'needs_pairing' }), t({ id: 'x' })],
      }),
    );
    expect(s.level).toBe('degraded');
    expect(s.headline).toBe('Paused: posbridge takes no new card payments (and 2 more)');
    expect(s.problems.map((p) => p.text)).toEqual([
      'Paused: posbridge takes no new card payments',
      'Blink terminal T650 is not paired yet',
      '1 payment needs checking',
    ]);
  });

  it('never shows an error code', () => {
    const s = summarise(
      facts({
        databaseOk: false,
        stopping: true,
        paused: { since: 'x', by: 'y' },
        unresolved: 2,
        terminals: [t({ state: 'offline', providerUnreachable: true }), t({ state: 'needs_pairing' })],
      }),
    );
    for (const p of s.problems) expect(`${p.text} ${p.advice}`).not.toMatch(/[a-z]+_[a-z]+/);
  });
});

describe('a charge or release that failed after the till heard "under way"', () => {
  it('turns the headline amber with what to do, never "payments work"', () => {
    const s = summarise(facts({ failedFollowUps: 2 }));
    expect(s.level).toBe('degraded');
    expect(s.headline).toBe('2 charges or releases did not go through');
    expect(s.advice).toMatch(/Needs attention/);
    expect(s.problems.map((p) => [p.code, p.params])).toEqual([['follow_up_failed', { count: 2 }]]);
  });
});

describe('a provider that answers but fails', () => {
  it('is amber, names the provider and the terminal, and counts what waits for that terminal only', () => {
    const s = summarise(
      facts({
        terminals: [
          t({ provider: 'payroc', name: 'Desk', state: 'failing', providerFailing: true, queued: 2 }),
          t({ id: 'x', name: 'Bar', queued: 3 }),
        ],
        queued: 5,
      }),
    );
    expect(s.level).toBe('degraded');
    expect(s.headline).toBe('Payroc is not working for Desk');
    expect(s.advice).toBe(
      'Payroc answers, but with errors. 2 waiting payments are tried again by themselves. Call support if it stays.',
    );
    expect(s.terminals).toEqual({ total: 2, working: 1 });
  });

  it('an unreachable provider counts what waits for its own terminal', () => {
    const s = summarise(
      facts({
        terminals: [
          t({ state: 'offline', providerUnreachable: true, queued: 1 }),
          t({ id: 'x', name: 'Bar', queued: 4 }),
        ],
        queued: 5,
      }),
    );
    expect(s.advice).toBe("Check this PC's internet connection. 1 waiting payment goes out when it is back.");
  });

  it('gives each problem a stable code and the facts its words are made of, for windows in other languages', () => {
    const s = summarise(
      facts({
        terminals: [
          t({ provider: 'payroc', name: 'Desk', state: 'failing', providerFailing: true, queued: 2 }),
          t({ id: 'z', provider: 'zvt', name: 'Counter', state: 'offline', direct: true }),
        ],
        unresolved: 3,
      }),
    );
    expect(s.problems.map((p) => [p.code, p.params])).toEqual([
      ['no_terminal_works', { advice_of: 1 }],
      ['provider_failing', { provider: 'payroc', terminal: 'Desk', queued: 2 }],
      ['terminal_offline', { provider: 'zvt', terminal: 'Counter', direct: true, network: false }],
      ['unresolved', { count: 3 }],
    ]);
    // The advice "no terminal works" borrows is the one of the problem it names.
    expect(s.problems[0]!.advice).toBe(s.problems[1]!.advice);
  });
});
