// Pairing a terminal with a one-time password (Lab4Pay). The credentials the provider returns are
// shown once: they are sealed at once and never returned, logged or printed.
import { BridgeError } from '../core/errors.js';
import type { SecretBox } from '../../native/secret-box.js';
import type { Store } from '../store/store.js';
import type { PaymentChannel } from '../core/channel.js';
import { credentialContext } from './credentials.js';
import { HttpChannel } from './http-channel.js';

/** Where a successful pairing answer is kept, whole and sealed, until (or if never) it is parsed. */
export const RAW_PAIRING_REPLY = 'pairing_reply';

export interface PairingResult {
  readonly terminal_id: string;
  readonly paired: true;
  /** The provider's own ids for the terminal, safe to show (no secrets). */
  readonly provider_terminal_id: string | null;
  readonly pay_connect_id: string | null;
}

export async function pairTerminal(
  store: Store,
  engine: { channel(provider: string): PaymentChannel | undefined },
  secrets: SecretBox,
  terminalId: string,
  otp: string,
  name?: string,
): Promise<PairingResult> {
  const terminal = store.terminals.get(terminalId);
  if (!terminal) throw new BridgeError('unknown_terminal', `No terminal with id ${terminalId}`);
  const channel = engine.channel(terminal.provider);
  const pairing = channel instanceof HttpChannel ? channel.connector.pairing : undefined;
  if (!(channel instanceof HttpChannel) || !pairing)
    throw new BridgeError(
      'operation_not_supported',
      `${terminal.provider} terminals are not paired with a one-time password`,
    );
  const ex = await channel.executor.execute(pairing.request(name ?? terminal.name, otp), undefined);
  if (ex.kind === 'failed')
    throw new BridgeError(
      'provider_unavailable',
      `${terminal.provider} could not be reached to pair: ${ex.failure.reason}`,
    );
  // A refusal of posbridge itself (Lab4Pay: a wrong X-Pay-Connect-Integrator-Id) is a settings matter; the
  // one-time password was not even looked at and stays valid.
  if (ex.reply.status === 401 || ex.reply.status === 403)
    throw new BridgeError(
      'provider_rejected',
      `${terminal.provider} refused posbridge's credentials (${ex.reply.status}); check its integrator id in the config`,
    );
  const seal = (credentials: Record<string, string>) =>
    secrets.seal(JSON.stringify(credentials), credentialContext(terminalId));
  // A success already used up the one-time password and may be the only copy of the credentials: seal the
  // answer as it came before any parser can refuse it, so a strict check never loses them.
  const succeeded = ex.reply.status >= 200 && ex.reply.status < 300;
  if (succeeded) {
    const raw = seal({
      [RAW_PAIRING_REPLY]: typeof ex.reply.body === 'string' ? ex.reply.body : JSON.stringify(ex.reply.body ?? null),
    });
    store.write((w) => store.credentials.put(terminalId, raw, w.at));
  }
  let credentials: Record<string, string>;
  try {
    credentials = pairing.parse(ex.reply);
  } catch (err) {
    const kept = succeeded
      ? '; the answer is kept sealed for this terminal: ask the provider before pairing it again'
      : '';
    throw new BridgeError('pairing_failed', `${(err as Error).message}${kept}`);
  }
  const sealed = seal(credentials);
  store.write((w) => {
    store.credentials.put(terminalId, sealed, w.at);
    w.emit({
      type: 'terminal.paired',
      terminalId,
      data: { provider: terminal.provider, provider_terminal_id: credentials.terminal_id ?? null },
    });
  });
  return {
    terminal_id: terminalId,
    paired: true,
    provider_terminal_id: credentials.terminal_id ?? null,
    pay_connect_id: credentials.pay_connect_id ?? null,
  };
}
