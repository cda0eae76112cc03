// Each connector's parse of its terminals' stored settings: what config load stores comes back as the
// typed value (defaults filled) the builders read; what does not parse is refused, naming the terminal
// and the field, never the value.
import { describe, expect, it } from 'vitest';
import { parseConfig, terminalSettings } from '../../../bridge/config/load.js';
import type { TerminalEntry } from '../../../bridge/config/schema.js';
import { blinkConnector } from '../../../bridge/providers/blink/connector.js';
import { lab4payConnector } from '../../../bridge/providers/lab4pay/connector.js';
import { payPorterConnector } from '../../../bridge/providers/payporter/connector.js';
import { payrocConnector } from '../../../bridge/providers/payroc/connector.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import type { ProviderFacts } from '../../../bridge/core/connector.js';
import { ZVT_FACTS } from '../../../bridge/terminals/zvt/operations.js';

const config = parseConfig({
  providers: {
    payroc: { api_key: 'k' },
    smartretry: { api_key: 'k' },
    payporter: {
      api_url: 'https://pp.example',
      api_key: 'k',
      api_secret: 's',
      request_ip: '10.0.0.2',
      request_port: 7420,
    },
    blink: { pos_api_key: 'k', pos_api_secret: 's' },
    lab4pay: { integrator_id: 'i' },
  },
  terminals: [
    { id: 'front', provider: 'payroc', processing_terminal_id: '1234001' },
    { id: 'web', provider: 'smartretry', terminal_friendly_id: 'ABC123' },
    { id: 'reception', provider: 'payporter' },
    {
      id: 'bar',
      provider: 'blink',
      blink_terminal_id: 'T650M-451-962-212',
      site_branch_id: 'London',
      pos_location: 'POS-5',
      orphan_holds: 'void',
    },
    { id: 'counter', provider: 'lab4pay', currency: 'EUR' },
    { id: 'lane-1', provider: 'zvt', currency: 'EUR', transport: { type: 'tcp', host: '10.0.0.9' } },
  ],
});
const p = config.providers;
const CONNECTORS: Record<string, Pick<ProviderFacts, 'terminalSettings'>> = {
  payroc: payrocConnector(p.payroc!, 'k'),
  smartretry: smartRetryConnector(p.smartretry!, 'k'),
  payporter: payPorterConnector(p.payporter!, 'k', 's'),
  blink: blinkConnector(p.blink!, 'k', 's', '1'),
  lab4pay: lab4payConnector(p.lab4pay!),
  zvt: ZVT_FACTS,
};
/** What the daemon stores for a configured terminal (daemon.ts), as the store keeps it. */
const storedJson = (t: TerminalEntry) => JSON.stringify(terminalSettings(t));
const check = (provider: string, json: string, id = 'till-9') => CONNECTORS[provider]!.terminalSettings.check(id, json);

describe('terminal settings, parsed by each connector', () => {
  it('reads what config load stores for every provider, defaults filled', () => {
    const parsed = Object.fromEntries(
      config.terminals.map((t) => {
        const r = check(t.provider, storedJson(t), t.id);
        return [t.id, r.ok ? r.settings : r.error.message];
      }),
    );
    expect(parsed).toEqual({
      front: { processing_terminal_id: '1234001', channel: 'moto' },
      web: { terminal_friendly_id: 'ABC123' },
      reception: {},
      // A base field config load leaves among the settings (orphan_holds) is kept, not refused.
      bar: {
        blink_terminal_id: 'T650M-451-962-212',
        site_branch_id: 'London',
        pos_location: 'POS-5',
        validity_days: 7,
        orphan_holds: 'void',
      },
      counter: {},
      'lane-1': { transport: { type: 'tcp', host: '10.0.0.9' }, password: '000000', profile: 'spec' },
    });
  });

  it('parses a terminal once: the same stored settings give the very same value', () => {
    const json = storedJson(config.terminals[0]!);
    const first = check('payroc', json, 'front');
    const again = check('payroc', json, 'front');
    expect(first.ok && again.ok && first.settings === again.settings).toBe(true);
    // Shared by every operation on the terminal, so nothing may change it.
    expect(first.ok && Object.isFrozen(first.settings)).toBe(true);
  });

  it('refuses stored settings that do not parse, naming the terminal and each field', () => {
    // Before, an unknown channel went out as moto and a missing processing terminal id as ''.
    expect(refused('payroc', { processing_terminal_id: '1234001', channel: 'phone' })).toMatchObject({
      code: 'invalid_terminal_settings',
      status: 409,
      message:
        'Terminal till-9: its stored payroc settings are invalid (channel must be one of pos, web, moto); correct the terminal in the config file, or remove it and register it again',
      fields: [{ field: 'channel', message: 'must be one of pos, web, moto' }],
    });
    expect(refused('payroc', { channel: 'moto' }).fields).toEqual([
      { field: 'processing_terminal_id', message: 'is required' },
    ]);
    expect(
      refused('blink', { blink_terminal_id: 'T650M-451-962-212', pos_location: 'POS-5', validity_days: 0 }).fields.map(
        (f) => f.field,
      ),
    ).toEqual(['site_branch_id', 'validity_days']);
    expect(refused('smartretry', { terminal_friendly_id: 'ABC12' }).fields.map((f) => f.field)).toEqual([
      'terminal_friendly_id',
    ]);
    expect(refused('zvt', { transport: { type: 'serial' } }).fields).toEqual([
      { field: 'transport.path', message: 'is required' },
    ]);
    expect(refused('zvt', { transport: { type: 'usb', path: 'COM3' } }).fields).toEqual([
      { field: 'transport.type', message: 'must be one of tcp, serial' },
    ]);
    expect(refused('lab4pay', '[]').fields).toEqual([{ field: 'settings', message: 'must be an object' }]);
    expect(refused('payporter', '{"cut short').fields).toEqual([{ field: 'settings', message: 'is not JSON' }]);
  });

  it('names the field, never the value (a ZVT password is one)', () => {
    const r = refused('zvt', { transport: { type: 'tcp', host: '10.0.0.9' }, password: '98765x' });
    expect(r.fields.map((f) => f.field)).toEqual(['password']);
    expect(JSON.stringify(r)).not.toContain('98765x');
  });
});

/** The refusal of stored settings (an object, or the stored text itself). */
function refused(provider: string, settings: unknown) {
  const r = check(provider, typeof settings === 'string' ? settings : JSON.stringify(settings));
  if (r.ok) throw new Error(`${provider} settings ${JSON.stringify(settings)} were accepted`);
  return { code: r.error.code, status: r.error.status, message: r.error.message, fields: r.error.fieldErrors };
}
