// The pairing wizard for field technicians: choose the kind of terminal, find it, name it, save it
// (with a connection test where the terminal allows one), then optionally a test payment.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import {
  canTestTransaction,
  KINDS,
  parseHostPort,
  registrationBody,
  suggestId,
  validId,
  type Details,
  type PairKind,
} from '../pairing.js';
import type { RemoteTerminal, SerialPortInfo, TestReport } from '../types.js';
import { TestTransaction } from './test-transaction.js';

const CURRENCIES = ['EUR', 'GBP', 'USD', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK'];

function PortStep({ onPick }: { onPick: (path: string, serial: string | null) => void }) {
  const [ports, setPorts] = useState<SerialPortInfo[]>();
  const [error, setError] = useState<string>();
  const scan = async () => {
    setError(undefined);
    try {
      setPorts((await api.get<{ data: SerialPortInfo[] }>('/v1/serial-ports')).data);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div>
      <p>Plug the terminal into this PC and switch it on, then look for it.</p>
      <button type="button" onClick={scan}>
        Look for terminals
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {ports && ports.length === 0 ? (
        <p>No cable port found. Check the USB cable, wait a few seconds and look again.</p>
      ) : null}
      <ul class="choices">
        {(ports ?? []).map((p) => (
          <li key={p.path}>
            <button type="button" class="choice" onClick={() => onPick(p.path, p.serial_number)}>
              <strong>{p.path}</strong>{' '}
              <span class="muted">
                {[p.manufacturer, p.serial_number && `serial ${p.serial_number}`].filter(Boolean).join(' · ') ||
                  'unknown device'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RemoteStep({ provider, onPick }: { provider: string; onPick: (id: string) => void }) {
  const [list, setList] = useState<RemoteTerminal[]>();
  const [error, setError] = useState<string>();
  const load = async () => {
    setError(undefined);
    try {
      setList((await api.get<{ data: RemoteTerminal[] }>(`/v1/providers/${provider}/terminals`)).data);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div>
      <button type="button" onClick={load}>
        Get the terminal list
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <ul class="choices">
        {(list ?? []).map((t) => (
          <li key={t.id}>
            <button type="button" class="choice" onClick={() => onPick(t.id)}>
              <strong>{t.id}</strong> <span class="muted">{t.connected ? 'online' : 'offline'}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TextStep({
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
        <input value={value} autoFocus onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      </label>
      <p class="muted">{hint}</p>
      <button type="submit" disabled={!check(value)}>
        Next
      </button>
    </form>
  );
}

function DetailsStep({
  kind,
  onSave,
}: {
  kind: PairKind;
  onSave: (d: Pick<Details, 'id' | 'name' | 'currency' | 'siteBranch' | 'posLocation'>) => void;
}) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [site, setSite] = useState('');
  const [location, setLocation] = useState('');
  const shownId = id || suggestId(name);
  const ok = name.trim().length > 0 && validId(shownId) && (kind !== 'blink' || (site.trim() && location.trim()));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ok)
          onSave({ id: shownId, name: name.trim(), currency, siteBranch: site.trim(), posLocation: location.trim() });
      }}
    >
      <label>
        Name staff will see
        <input
          value={name}
          autoFocus
          placeholder="e.g. Front desk"
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Terminal id for the POS
        <input value={shownId} onInput={(e) => setId((e.target as HTMLInputElement).value)} />
      </label>
      {!validId(shownId) ? <p class="error">Use letters, digits, dots, dashes or underscores.</p> : null}
      <label>
        Currency
        <select value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {kind === 'blink' ? (
        <>
          <label>
            Blink site/branch id
            <input value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Blink POS location
            <input value={location} onInput={(e) => setLocation((e.target as HTMLInputElement).value)} />
          </label>
        </>
      ) : null}
      <button type="submit" disabled={!ok}>
        Save the terminal
      </button>
    </form>
  );
}

function ConnectionTest({ report }: { report: TestReport }) {
  return (
    <ol class="steps">
      {report.steps.map((s) => (
        <li key={s.step} class={`step ${s.ok ? 'ok' : 'failed'}`}>
          {s.ok ? '✓ ' : '✗ '}
          {s.detail}
        </li>
      ))}
      {report.terminal?.zvt_terminal_id ? (
        <li class="step ok">
          Terminal id {report.terminal.zvt_terminal_id}
          {report.terminal.software_version ? `, software ${report.terminal.software_version}` : ''}
        </li>
      ) : null}
    </ol>
  );
}

type Stage = 'find' | 'details' | 'saving' | 'otp' | 'test' | 'failed';

export function PairView() {
  const [kind, setKind] = useState<PairKind>();
  const [stage, setStage] = useState<Stage>('find');
  const [details, setDetails] = useState<Details>({ id: '', name: '', currency: 'EUR', target: '' });
  const [report, setReport] = useState<TestReport>();
  const [error, setError] = useState<string>();
  const restart = () => {
    setKind(undefined);
    setStage('find');
    setReport(undefined);
    setError(undefined);
  };

  const save = async (d: Details) => {
    setDetails(d);
    setStage('saving');
    setError(undefined);
    try {
      await api.post('/v1/terminals', registrationBody(kind!, d));
      if (kind === 'zvt-serial' || kind === 'zvt-tcp') {
        const r = await api.post<TestReport>(`/v1/terminals/${encodeURIComponent(d.id)}/test`);
        setReport(r);
        if (!r.ok) {
          setStage('failed');
          return;
        }
      }
      setStage(kind === 'lab4pay' ? 'otp' : 'test');
    } catch (err) {
      setError((err as Error).message);
      setStage('details');
    }
  };
  const removeAndRetry = async () => {
    try {
      await api.del(`/v1/terminals/${encodeURIComponent(details.id)}`);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setReport(undefined);
    setStage('find');
  };
  const pair = async (otp: string) => {
    setError(undefined);
    try {
      await api.post(`/v1/terminals/${encodeURIComponent(details.id)}/pair`, { otp });
      setStage('test');
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (!kind) {
    return (
      <section class="panel" aria-labelledby="pair-h">
        <h2 id="pair-h">Pair a terminal</h2>
        <p>What kind of terminal are you adding?</p>
        <ul class="choices">
          {KINDS.map((k) => (
            <li key={k.kind}>
              <button
                type="button"
                class="choice"
                onClick={() => {
                  setKind(k.kind);
                  setStage(k.kind === 'lab4pay' ? 'details' : 'find');
                }}
              >
                <strong>{k.title}</strong> <span class="muted">{k.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const title = KINDS.find((k) => k.kind === kind)!.title;
  const found = (target: string, serialNumber: string | null = null) => {
    setDetails({ ...details, target, serialNumber });
    setStage('details');
  };
  return (
    <section class="panel wizard" aria-labelledby="pair-h">
      <h2 id="pair-h">Pair a terminal: {title}</h2>
      {stage === 'find' && kind === 'zvt-serial' ? <PortStep onPick={found} /> : null}
      {stage === 'find' && kind === 'zvt-tcp' ? (
        <TextStep
          label="The terminal's address (IP or name, and port if not 20007)"
          hint="Shown in the terminal's network settings, e.g. 192.168.1.40:20007."
          check={(v) => parseHostPort(v) !== undefined}
          onNext={(v) => found(v)}
        />
      ) : null}
      {stage === 'find' && kind === 'blink' ? <RemoteStep provider="blink" onPick={(id) => found(id)} /> : null}
      {stage === 'find' && kind === 'payroc' ? (
        <TextStep
          label="Payroc processing terminal id"
          hint="From the Payroc onboarding papers; Payroc's API has no list of them."
          check={(v) => v.trim().length >= 4}
          onNext={(v) => found(v)}
        />
      ) : null}
      {stage === 'details' ? (
        <>
          <DetailsStep kind={kind} onSave={(d) => save({ ...details, ...d })} />
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : null}
      {stage === 'saving' ? (
        <p aria-live="polite">Saving{kind.startsWith('zvt') ? ' and talking to the terminal' : ''}…</p>
      ) : null}
      {report ? <ConnectionTest report={report} /> : null}
      {stage === 'failed' ? (
        <div>
          <p class="error" role="alert">
            The terminal did not answer as it should. Check the cable or address, its power, and its ECR password, then
            try again.
          </p>
          <button type="button" onClick={removeAndRetry}>
            Remove it and try again
          </button>
        </div>
      ) : null}
      {stage === 'otp' ? (
        <>
          <TextStep
            label="The one-time password the terminal shows"
            hint="On the Lab4Pay terminal: Settings → Pay-Connect → Pair."
            check={(v) => v.trim().length >= 4}
            onNext={pair}
          />
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : null}
      {stage === 'test' ? (
        <>
          <p class="ok" role="status">
            “{details.name}” is saved as terminal <strong>{details.id}</strong>.
          </p>
          {canTestTransaction(kind) ? (
            <TestTransaction terminalId={details.id} currency={details.currency} onDone={restart} />
          ) : (
            <button type="button" onClick={restart}>
              Finish
            </button>
          )}
        </>
      ) : null}
      <p>
        <button type="button" class="link" onClick={restart}>
          Start again
        </button>
      </p>
    </section>
  );
}
