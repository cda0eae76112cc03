// The technician's connection test of a ZVT terminal after plugging it in: registration (06 00) and the
// status enquiry (05 01), each step reported in words.
import type { TerminalTest } from '../../core/channel.js';
import { BridgeError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { zvtSettings } from './config.js';
import type { ZvtDriver } from './driver.js';
import { describeResultCode } from './result-codes.js';
import { statusOf } from './status.js';

export async function testZvtTerminal(store: Store, driver: ZvtDriver, id: string): Promise<TerminalTest> {
  const t = store.terminals.get(id);
  if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
  const s = zvtSettings(JSON.parse(t.settings_json) as Record<string, unknown>);
  let run;
  try {
    run = await driver.test(id, s.transport, s.password, t.currency ?? 'EUR');
  } catch (err) {
    return {
      terminal_id: id,
      ok: false,
      steps: [{ step: 'connect', ok: false, detail: (err as Error).message }],
      terminal: null,
    };
  }
  const steps: TerminalTest['steps'] = [{ step: 'connect', ok: true, detail: 'connected' }];
  const reg = run.registration;
  const regOk = reg.state === 'done';
  steps.push({
    step: 'registration',
    ok: regOk,
    detail: regOk ? 'the terminal accepted the registration' : failureText(reg.failure),
  });
  const status = run.status ? statusOf(run.status) : undefined;
  if (run.status)
    steps.push({
      step: 'status_enquiry',
      ok: run.status.state === 'done',
      detail: run.status.state === 'done' ? `status ${status?.status ?? 'unknown'}` : failureText(run.status.failure),
    });
  return {
    terminal_id: id,
    ok: steps.every((x) => x.ok),
    steps,
    terminal: regOk
      ? {
          zvt_terminal_id: reg.completion?.values.terminalId ?? null,
          software_version: status?.softwareVersion ?? null,
          status: status?.status ?? null,
        }
      : null,
  };
}

function failureText(f: { kind: string; resultCode?: number; reason?: string; timer?: string } | undefined): string {
  if (!f) return 'no answer';
  if (f.resultCode !== undefined) return describeResultCode(f.resultCode);
  if (f.timer) return `the terminal did not answer in time (${f.timer})`;
  return f.reason ?? f.kind;
}
