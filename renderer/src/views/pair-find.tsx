// The wizard's first step: finding the terminal (a scanned or typed-in port, a provider's terminal list,
// or a typed id or address).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { pairWords as w } from '../i18n/pairing.js';
import { type PairKind, validPortName } from '../pairing.js';
import type { RemoteTerminal, SerialPortInfo } from '../types.js';
import { inputValue } from './input-value.js';
import { Advice, adviceForError } from './pair-advice.js';

/** Port names as Windows and Linux spell them: the same in every language. */
const PORT_EXAMPLES = 'COM3 · /dev/ttyUSB0';

export function PortStep({
  initial,
  onPick,
}: {
  initial: string;
  onPick: (path: string, serial: string | null) => void;
}) {
  const [ports, setPorts] = useState<SerialPortInfo[]>();
  const [scanFailed, setScanFailed] = useState(false);
  const [error, setError] = useState<string>();
  const [typed, setTyped] = useState(initial);
  const [tried, setTried] = useState(false);
  const scan = async () => {
    setError(undefined);
    try {
      const found = await api.get<{ data: SerialPortInfo[]; scan_error?: string }>('/v1/serial-ports');
      setScanFailed(found.scan_error !== undefined);
      setPorts(found.data);
    } catch (err) {
      setError(adviceForError(err, { kind: 'zvt-serial', target: '', id: '' }));
    }
  };
  const ok = validPortName(typed.trim());
  return (
    <div>
      <p>{w.plugIn}</p>
      <button type="button" onClick={scan}>
        {w.scan}
      </button>
      <Advice text={error} />
      {ports && ports.length === 0 ? <p>{scanFailed ? w.scanFailed : w.noPorts}</p> : null}
      <ul class="choices">
        {(ports ?? []).map((p) => (
          <li key={p.path}>
            <button type="button" class="choice" onClick={() => onPick(p.path, p.serial_number)}>
              <strong>{p.path}</strong>{' '}
              <span class="muted">
                {[p.manufacturer, p.serial_number && w.serialNumber(p.serial_number)].filter(Boolean).join(' · ') ||
                  w.unknownDevice}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <form
        class="manual-port"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (ok) onPick(typed.trim(), null);
        }}
      >
        <label>
          {w.manualLabel}
          <input
            name="port"
            value={typed}
            placeholder={PORT_EXAMPLES}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={tried && !ok}
            onInput={(e) => setTyped(inputValue(e))}
          />
        </label>
        <p class="muted">{w.manualHint}</p>
        {tried && !ok ? <p class="error">{w.manualBad}</p> : null}
        <button type="submit" class="secondary">
          {w.usePort}
        </button>
      </form>
    </div>
  );
}

export function RemoteStep({ kind, onPick }: { kind: PairKind; onPick: (id: string) => void }) {
  const [list, setList] = useState<RemoteTerminal[]>();
  const [error, setError] = useState<string>();
  const load = async () => {
    setError(undefined);
    try {
      setList((await api.get<{ data: RemoteTerminal[] }>(`/v1/providers/${kind}/terminals`)).data);
    } catch (err) {
      setError(adviceForError(err, { kind, target: '', id: '' }));
    }
  };
  return (
    <div>
      <button type="button" onClick={load}>
        {w.getList}
      </button>
      <Advice text={error} />
      <ul class="choices">
        {(list ?? []).map((t) => (
          <li key={t.id}>
            <button type="button" class="choice" onClick={() => onPick(t.id)}>
              <strong>{t.id}</strong> <span class="muted">{t.connected ? w.online : w.offline}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TextStep({
  label,
  hint,
  initial,
  check,
  onNext,
}: {
  label: string;
  hint: string;
  initial?: string;
  check: (v: string) => boolean;
  onNext: (v: string) => void;
}) {
  const [value, setValue] = useState(initial ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (check(value)) onNext(value.trim());
      }}
    >
      <label>
        {label}
        <input value={value} autoFocus onInput={(e) => setValue(inputValue(e))} />
      </label>
      <p class="muted">{hint}</p>
      <button type="submit" disabled={!check(value)}>
        {w.next}
      </button>
    </form>
  );
}
