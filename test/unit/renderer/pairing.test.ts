// The pairing wizard's pure part: advice that fits the transport a failure happened on, typed-in ports
// checked as the daemon checks them, each provider's own default currency, and the ZVT settings carried
// into the registration body.
import { afterEach, describe, expect, it } from 'vitest';
import { tableOf } from '../../../renderer/src/i18n/catalogue.js';
import { setLocale } from '../../../renderer/src/i18n/locale.js';
import { pairWords } from '../../../renderer/src/i18n/pairing.js';
import {
  adviceFor,
  defaultCurrency,
  kindWords,
  KINDS,
  registrationBody,
  validPortName,
} from '../../../renderer/src/pairing.js';
import { SERIAL_PORT_PATTERN } from '../../../bridge/terminals/zvt/port-name.js';

afterEach(() => setLocale('en'));

describe('advice for a failed pairing step', () => {
  it('a refused connection is network advice on the network; cable words never reach a network terminal', () => {
    expect(adviceFor('tcp', 'ECONNREFUSED')).toBe('netRefused');
    expect(adviceFor('tcp', 'EHOSTUNREACH')).toBe('netUnreachable');
    expect(adviceFor('tcp', 'ENETUNREACH')).toBe('netUnreachable');
    expect(adviceFor('tcp', 'ETIMEDOUT')).toBe('netTimeout');
    expect(adviceFor('tcp', 'ENOTFOUND')).toBe('netName');
    expect(adviceFor('tcp', 'connection_lost')).toBe('netDropped');
    for (const code of ['no_link_ack', 'port_missing', 'port_busy']) expect(adviceFor('tcp', code)).toBe('unknown');
  });

  it('a cable gets cable and port advice', () => {
    expect(adviceFor('serial', 'no_link_ack')).toBe('cableNoAck');
    expect(adviceFor('serial', 'link_nak')).toBe('cableNoAck');
    expect(adviceFor('serial', 'port_missing')).toBe('portMissing');
    expect(adviceFor('serial', 'port_busy')).toBe('portBusy');
    expect(adviceFor('serial', 'port_denied')).toBe('portDenied');
    expect(adviceFor('serial', 'connection_lost')).toBe('cableLost');
    expect(adviceFor('serial', 'ECONNREFUSED')).toBe('unknown');
  });

  it('the same on either ZVT transport where the terminal itself answered', () => {
    for (const t of ['serial', 'tcp'] as const) {
      expect(adviceFor(t, 'refused_by_terminal')).toBe('refused');
      expect(adviceFor(t, 'no_answer')).toBe('noAnswer');
    }
  });

  it("cloud providers' pairing refusals and the API's own", () => {
    expect(adviceFor('cloud', 'provider_unavailable')).toBe('cloudUnreachable');
    expect(adviceFor('cloud', 'pairing_failed')).toBe('otpRefused');
    expect(adviceFor('cloud', 'provider_rejected')).toBe('cloudCredentials');
    expect(adviceFor('cloud', 'terminal_exists')).toBe('idTaken');
    expect(adviceFor('serial', 'daemon_unreachable')).toBe('daemonDown');
    expect(adviceFor('cloud', 'validation_failed')).toBe('invalid');
  });

  it('every advice is in words in each language, naming the address that refused', () => {
    expect(pairWords.netRefused('192.168.0.59:20007')).toBe(
      "The terminal at 192.168.0.59:20007 refused the connection. Check the IP address and port, and that the terminal's ECR interface over network is switched on.",
    );
    setLocale('de');
    expect(pairWords.netRefused('192.168.0.59:20007')).toMatch(/^Das Terminal unter 192\.168\.0\.59:20007 hat/);
    expect(pairWords.cableNoAck).toMatch(/Kabel.*Anschlussnamen.*Baudrate/);
    for (const l of ['de', 'tr'] as const) {
      const en = tableOf(pairWords, 'en');
      const other = tableOf(pairWords, l);
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        // Words that are names (the profile "card complete", "Feig") stay as they are.
        if (/^profile(CardComplete|Feig)Title$|^online$|^offline$/.test(key)) continue;
        const sample = (m: unknown) => (typeof m === 'function' ? (m as (...a: string[]) => string)('X', 'Y') : m);
        expect(sample(other[key]), `${l}.${key}`).not.toBe(sample(en[key]));
      }
    }
  });
});

describe('the wizard settings', () => {
  it("starts each provider at its own documented currency, ZVT's at EUR", () => {
    expect(KINDS.map((k) => [k, defaultCurrency(k)])).toEqual([
      ['zvt-serial', 'EUR'],
      ['zvt-tcp', 'EUR'],
      ['lab4pay', 'EUR'],
      ['blink', 'GBP'],
      ['payroc', 'USD'],
    ]);
  });

  it("checks a typed-in port as the daemon's schema does", () => {
    const daemon = new RegExp(SERIAL_PORT_PATTERN, 'u');
    for (const name of [
      'COM3',
      'com12',
      '\\\\.\\COM10',
      '/dev/ttyUSB0',
      '/tmp/a/zvt-ecr',
      'ttyUSB0',
      'COM0',
      '/dev/../x',
      '/dev/',
      'COM3 ',
    ])
      expect(validPortName(name), name).toBe(daemon.test(name));
  });

  it('sends the ECR password, the profile and a baud rate other than 9600 with a serial terminal', () => {
    const d = { id: 'counter', name: 'Counter', currency: 'EUR', target: 'COM3' };
    expect(registrationBody('zvt-serial', { ...d, password: '123456', profile: 'feig', baudRate: 115200 })).toEqual({
      id: 'counter',
      name: 'Counter',
      currency: 'EUR',
      kind: 'zvt',
      password: '123456',
      profile: 'feig',
      transport: { type: 'serial', path: 'COM3', baud_rate: 115200 },
    });
    expect(registrationBody('zvt-tcp', { ...d, target: '10.0.0.5' })).toMatchObject({
      password: '000000',
      profile: 'spec',
      transport: { type: 'tcp', host: '10.0.0.5', port: 20007 },
    });
    expect(registrationBody('blink', { ...d, target: 'B1' })).not.toHaveProperty('password');
  });

  it('names each kind in the chosen language', () => {
    setLocale('de');
    expect(kindWords('zvt-tcp').title).toBe('Kartenterminal im Netzwerk');
    setLocale('tr');
    expect(kindWords('zvt-serial').title).toBe('USB veya seri kabloyla bağlı kart terminali');
  });
});
