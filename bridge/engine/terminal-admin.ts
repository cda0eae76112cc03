// Adding and removing terminals at run time (the pairing wizard). Terminals from the config file are the
// config file's: they are changed there, not here.
import { checkTerminalEntry, terminalSettings } from '../config/load.js';
import type { Config, TerminalEntry } from '../config/schema.js';
import type { PaymentChannel } from '../core/channel.js';
import { BridgeError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import type { TerminalRow } from '../store/rows.js';

export interface TerminalAdminDeps {
  readonly store: Store;
  readonly config: Config;
  /** The kinds of terminal there are (the providers' names). */
  readonly kinds: readonly string[];
  channel(provider: string): PaymentChannel | undefined;
}

const fromConfig = (deps: TerminalAdminDeps, id: string) => deps.config.terminals.some((t) => t.id === id);

/** `body`: {id, kind, name?, currency?, ...the provider's terminal fields}. */
export function registerTerminal(deps: TerminalAdminDeps, body: Record<string, unknown>): TerminalRow {
  const { kind, ...rest } = body;
  if (typeof kind !== 'string' || !deps.kinds.includes(kind)) {
    throw new BridgeError('validation_failed', 'kind must be one of the providers', [
      { field: 'kind', message: `one of ${deps.kinds.join(', ')}` },
    ]);
  }
  const { entry, problems } = checkTerminalEntry({ ...rest, provider: kind } as TerminalEntry);
  if (problems.length)
    throw new BridgeError(
      'validation_failed',
      `The ${kind} terminal is not valid`,
      problems.map((p) => ({ field: p.field.replace(/^\//, '').replace(/\//g, '.') || 'body', message: p.message })),
    );
  const { store } = deps;
  return store.write((w) => {
    const existing = store.terminals.get(entry.id);
    if (existing?.enabled) throw new BridgeError('terminal_exists', `A terminal with id ${entry.id} already exists`);
    store.terminals.upsert(
      {
        id: entry.id,
        provider: entry.provider,
        name: entry.name ?? entry.id,
        currency: entry.currency ?? null,
        settings: terminalSettings(entry),
      },
      w.at,
    );
    w.emit({
      type: 'terminal.registered',
      terminalId: entry.id,
      data: { provider: entry.provider, name: entry.name ?? entry.id },
    });
    return store.terminals.get(entry.id)!;
  });
}

export async function removeTerminal(deps: TerminalAdminDeps, id: string): Promise<void> {
  const { store } = deps;
  const provider = store.write((w) => {
    const t = store.terminals.get(id);
    if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
    if (fromConfig(deps, id))
      throw new BridgeError('invalid_state', `Terminal ${id} is defined in the config file; remove it there`);
    const open = store.terminals.openWork(id);
    if (open.operations || open.transactions) {
      throw new BridgeError(
        'terminal_busy',
        `Terminal ${id} still has open work (${open.transactions} transaction(s) not settled, ${open.operations} operation(s) open); capture, void or resolve them first`,
      );
    }
    store.terminals.disable(id, w.at);
    w.emit({ type: 'terminal.removed', terminalId: id, data: { provider: t.provider } });
    return t.provider;
  });
  await deps.channel(provider)?.forget?.(id);
}
