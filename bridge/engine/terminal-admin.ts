// Adding and removing terminals at run time (the pairing wizard), and the technician's connection test.
// Terminals from the config file are the config file's: they are changed there, not here.
import { checkTerminalEntry, terminalSettings } from '../config/load.js';
import type { Config, TerminalEntry } from '../config/schema.js';
import { BridgeError } from '../core/errors.js';
import { PROVIDER_NAMES } from '../providers/settings.js';
import type { Store } from '../store/store.js';
import type { TerminalRow } from '../store/rows.js';
import { zvtSettings } from '../terminals/zvt/config.js';
import type { ZvtDriver } from '../terminals/zvt/driver.js';
import { describeResultCode } from '../terminals/zvt/result-codes.js';
import { statusOf } from '../terminals/zvt/status.js';

export interface TerminalAdminDeps {
  readonly store: Store;
  readonly config: Config;
  readonly zvt?: ZvtDriver;
}

const fromConfig = (deps: TerminalAdminDeps, id: string) => deps.config.terminals.some((t) => t.id === id);

/** `body`: {id, kind, name?, currency?, ...the provider's terminal fields}. */
export function registerTerminal(deps: TerminalAdminDeps, body: Record<string, unknown>): TerminalRow {
  const { kind, ...rest } = body;
  if (typeof kind !== 'string' || !(PROVIDER_NAMES as string[]).includes(kind)) {
    throw new BridgeError('validation_failed', 'kind must be one of the providers', [{ field: 'kind', message: `one of ${PROVIDER_NAMES.join(', ')}` }]);
  }
  const { entry, problems } = checkTerminalEntry({ ...rest, provider: kind } as TerminalEntry);
  if (problems.length) throw new BridgeError('validation_failed', `The ${kind} terminal is not valid`, problems.map((p) => ({ field: p.field.replace(/^\//, '').replace(/\//g, '.') || 'body', message: p.message })));
  const { store } = deps;
  return store.write((w) => {
    const existing = store.terminals.get(entry.id);
    if (existing?.enabled) throw new BridgeError('terminal_exists', `A terminal with id ${entry.id} already exists`);
    store.terminals.upsert({ id: entry.id, provider: entry.provider, name: entry.name ?? entry.id, currency: entry.currency ?? null, settings: terminalSettings(entry) }, w.at);
    w.emit({ type: 'terminal.registered', terminalId: entry.id, data: { provider: entry.provider, name: entry.name ?? entry.id } });
    return store.terminals.get(entry.id)!;
  });
}

export async function removeTerminal(deps: TerminalAdminDeps, id: string): Promise<void> {
  const { store } = deps;
  store.write((w) => {
    const t = store.terminals.get(id);
    if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
    if (fromConfig(deps, id)) throw new BridgeError('invalid_state', `Terminal ${id} is defined in the config file; remove it there`);
    const open = store.terminals.openWork(id);
    if (open.operations || open.transactions) {
      throw new BridgeError('terminal_busy', `Terminal ${id} still has open work (${open.transactions} transaction(s) not settled, ${open.operations} operation(s) open); capture, void or resolve them first`);
    }
    store.terminals.disable(id, w.at);
    w.emit({ type: 'terminal.removed', terminalId: id, data: { provider: t.provider } });
  });
  await deps.zvt?.forget(id);
}

export interface TerminalTest {
  readonly terminal_id: string;
  readonly ok: boolean;
  readonly steps: Array<{ step: string; ok: boolean; detail: string }>;
  readonly terminal: { zvt_terminal_id: string | null; software_version: string | null; status: string | null } | null;
}

/** Registration (06 00) and status enquiry (05 01), as a technician runs them after plugging a terminal in. */
export async function testTerminal(deps: TerminalAdminDeps, id: string): Promise<TerminalTest> {
  const t = deps.store.terminals.get(id);
  if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
  if (t.provider !== 'zvt' || !deps.zvt) {
    throw new BridgeError('operation_not_supported', `${t.provider} terminals are tested with a small preauth that is voided at once`);
  }
  const s = zvtSettings(JSON.parse(t.settings_json) as Record<string, unknown>);
  let run;
  try {
    run = await deps.zvt.test(id, s.transport, s.password, t.currency ?? 'EUR');
  } catch (err) {
    return { terminal_id: id, ok: false, steps: [{ step: 'connect', ok: false, detail: (err as Error).message }], terminal: null };
  }
  const steps: TerminalTest['steps'] = [{ step: 'connect', ok: true, detail: 'connected' }];
  const reg = run.registration;
  const regOk = reg.state === 'done';
  steps.push({ step: 'registration', ok: regOk, detail: regOk ? 'the terminal accepted the registration' : failureText(reg.failure) });
  const status = run.status ? statusOf(run.status) : undefined;
  if (run.status) steps.push({ step: 'status_enquiry', ok: run.status.state === 'done', detail: run.status.state === 'done' ? `status ${status?.status ?? 'unknown'}` : failureText(run.status.failure) });
  return {
    terminal_id: id,
    ok: steps.every((x) => x.ok),
    steps,
    terminal: regOk ? { zvt_terminal_id: reg.completion?.values.terminalId ?? null, software_version: status?.softwareVersion ?? null, status: status?.status ?? null } : null,
  };
}

function failureText(f: { kind: string; resultCode?: number; reason?: string; timer?: string } | undefined): string {
  if (!f) return 'no answer';
  if (f.resultCode !== undefined) return describeResultCode(f.resultCode);
  if (f.timer) return `the terminal did not answer in time (${f.timer})`;
  return f.reason ?? f.kind;
}
