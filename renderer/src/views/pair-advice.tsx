// The pairing wizard's advice: a failed step or a refusal said in words, for the transport actually used
// (the network names the address, the cable names the port), and the provider by its own name.
import { ApiError } from '../api.js';
import { pairWords as w } from '../i18n/pairing.js';
import { adviceFor, type AdviceKey, type PairKind, parseHostPort, providerOf, transportOf } from '../pairing.js';

/** Providers by their own names, as the advice and the currency note name them. */
export const PROVIDER_NAMES: Record<string, string> = {
  zvt: 'ZVT',
  blink: 'Blink',
  payroc: 'Payroc',
  lab4pay: 'Lab4Pay',
  smartretry: 'SmartRetry',
  payporter: 'PayPorter',
};

/** What advice words need to name: the terminal's address or port, the provider, the terminal's refusal. */
export interface AdviceFacts {
  kind: PairKind;
  target: string;
  id: string;
  resultCode?: number | null;
  detail: string;
}

/** host:port as the daemon connects to it (the default port filled in). */
export function whereOf(target: string): string {
  const hp = parseHostPort(target);
  return hp ? `${hp.host}:${hp.port}` : target;
}

export function adviceText(key: AdviceKey, f: AdviceFacts): string {
  const provider = PROVIDER_NAMES[providerOf(f.kind)] ?? f.kind;
  switch (key) {
    case 'netRefused':
      return w.netRefused(whereOf(f.target));
    case 'netUnreachable':
      return w.netUnreachable(whereOf(f.target));
    case 'netTimeout':
      return w.netTimeout(whereOf(f.target));
    case 'netName':
      return w.netName(parseHostPort(f.target)?.host ?? f.target);
    case 'netDropped':
      return w.netDropped;
    case 'portMissing':
      return w.portMissing(f.target);
    case 'portBusy':
      return w.portBusy(f.target);
    case 'portDenied':
      return w.portDenied(f.target);
    case 'cableNoAck':
      return w.cableNoAck;
    case 'cableLost':
      return w.cableLost;
    case 'noAnswer':
      return w.noAnswer;
    case 'refused':
      return w.refused(f.resultCode == null ? '?' : f.resultCode.toString(16).toUpperCase().padStart(2, '0'));
    case 'cloudUnreachable':
      return w.cloudUnreachable(provider);
    case 'cloudCredentials':
      return w.cloudCredentials(provider);
    case 'otpRefused':
      return w.otpRefused;
    case 'idTaken':
      return w.idTaken(f.id);
    case 'invalid':
      return w.invalid;
    case 'daemonDown':
      return w.daemonDown;
    case 'unknown':
      return w.unknown(f.detail);
  }
}

/** An API refusal as advice in words. */
export function adviceForError(err: unknown, f: Omit<AdviceFacts, 'detail'>): string {
  const code = err instanceof ApiError ? err.code : 'unknown';
  return adviceText(adviceFor(transportOf(f.kind), code), { ...f, detail: (err as Error).message });
}

export function Advice({ text }: { text: string | undefined }) {
  return text ? (
    <p class="error advice" role="alert">
      {text}
    </p>
  ) : null;
}
