// The pairing wizard for field technicians: choose the kind of terminal, find it (scanned, or the port typed
// in), name it and give its ZVT settings, save it, watch the connection test step by step with advice for
// the cable or the network when a step fails, then optionally a test payment.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { pairWords as w } from '../i18n/pairing.js';
import {
  adviceFor,
  BAUD_RATES,
  canTestTransaction,
  CURRENCIES,
  DEFAULT_BAUD_RATE,
  DEFAULT_ECR_PASSWORD,
  defaultCurrency,
  KINDS,
  kindWords,
  parseHostPort,
  profileWords,
  providerOf,
  registrationBody,
  suggestId,
  transportOf,
  validId,
  validPassword,
  validPortName,
  ZVT_PROFILES,
  type AdviceKey,
  type ConnectionTest,
  type Details,
  type PairKind,
  type TestStep,
  type ZvtProfile,
} from '../pairing.js';
import type { RemoteTerminal, SerialPortInfo } from '../types.js';
import { TestTransaction } from './test-transaction.js';
import '../styles/pairing.css';

/** Port names as Windows and Linux spell them: the same in every language. */
const PORT_EXAMPLES = 'COM3 · /dev/ttyUSB0';

const POLL_MS = 250;
const PROVIDER_NAMES: Record<string, string> = {
  zvt: 'ZVT',
  blink: 'Blink',
  payroc: 'Payroc',
  lab4pay: 'Lab4Pay',
  smartretry: 'SmartRetry',
  payporter: 'PayPorter',
};
const isZvt = (k: PairKind) => k === 'zvt-serial' || k === 'zvt-tcp';
const inputValue = (e: Event) => (e.target as HTMLInputElement).value;

/** What advice words need to name: the terminal's address or port, the provider, the terminal's refusal. */
interface AdviceFacts {
  kind: PairKind;
  target: string;
  id: string;
  resultCode?: number | null;
  detail: string;
}

/** host:port as the daemon connects to it (the default port filled in). */
function whereOf(target: string): string {
  const hp = parseHostPort(target);
  return hp ? `${hp.host}:${hp.port}` : target;
}

function adviceText(key: AdviceKey, f: AdviceFacts): string {
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
function adviceForError(err: unknown, f: Omit<AdviceFacts, 'detail'>): string {
  const code = err instanceof ApiError ? err.code : 'unknown';
  return adviceText(adviceFor(transportOf(f.kind), code), { ...f, detail: (err as Error).message });
}

function Advice({ text }: { text: string | undefined }) {
  return text ? (
    <p class="error advice" role="alert">
      {text}
    </p>
  ) : null;
}

function PortStep({ initial, onPick }: { initial: string; onPick: (path: string, serial: string | null) => void }) {
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

function RemoteStep({ kind, onPick }: { kind: PairKind; onPick: (id: string) => void }) {
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
        <input value={value} autoFocus onInput={(e) => setValue(inputValue(e))} />
      </label>
      <p class="muted">{hint}</p>
      <button type="submit" disabled={!check(value)}>
        {w.next}
      </button>
    </form>
  );
}

function ZvtFields({
  kind,
  password,
  profile,
  baudRate,
  onPassword,
  onProfile,
  onBaudRate,
}: {
  kind: PairKind;
  password: string;
  profile: ZvtProfile;
  baudRate: number;
  onPassword: (v: string) => void;
  onProfile: (v: ZvtProfile) => void;
  onBaudRate: (v: number) => void;
}) {
  return (
    <>
      <label>
        {w.passwordLabel}
        <input
          name="password"
          value={password}
          inputMode="numeric"
          maxLength={6}
          autoComplete="off"
          aria-invalid={!validPassword(password)}
          onInput={(e) => onPassword(inputValue(e))}
        />
      </label>
      <p class="muted">{w.passwordHint}</p>
      {!validPassword(password) ? <p class="error">{w.passwordBad}</p> : null}
      {kind === 'zvt-serial' ? (
        <>
          <label>
            {w.baudLabel}
            <select
              name="baud_rate"
              value={String(baudRate)}
              onChange={(e) => onBaudRate(Number((e.target as HTMLSelectElement).value))}
            >
              {BAUD_RATES.map((b) => (
                <option key={b} value={String(b)}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <p class="muted">{w.baudHint}</p>
        </>
      ) : null}
      <fieldset class="profiles">
        <legend>{w.profileLabel}</legend>
        {ZVT_PROFILES.map((p) => {
          const pw = profileWords(p);
          return (
            <label key={p} class={`profile ${p === profile ? 'chosen' : ''}`}>
              <input type="radio" name="profile" value={p} checked={p === profile} onChange={() => onProfile(p)} />
              <span>
                <strong>{pw.title}</strong>
                <span class="muted">{pw.text}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
    </>
  );
}

function DetailsStep({ kind, initial, onSave }: { kind: PairKind; initial: Details; onSave: (d: Details) => void }) {
  const [name, setName] = useState(initial.name);
  const [id, setId] = useState(initial.id);
  const [currency, setCurrency] = useState(initial.currency || defaultCurrency(kind));
  const [site, setSite] = useState(initial.siteBranch ?? '');
  const [location, setLocation] = useState(initial.posLocation ?? '');
  const [password, setPassword] = useState(initial.password ?? DEFAULT_ECR_PASSWORD);
  const [profile, setProfile] = useState<ZvtProfile>(initial.profile ?? 'spec');
  const [baudRate, setBaudRate] = useState(initial.baudRate ?? DEFAULT_BAUD_RATE);
  const shownId = id || suggestId(name);
  const ok =
    name.trim().length > 0 &&
    validId(shownId) &&
    (kind !== 'blink' || (site.trim() && location.trim())) &&
    (!isZvt(kind) || validPassword(password));
  const provider = PROVIDER_NAMES[providerOf(kind)] ?? kind;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        onSave({
          ...initial,
          id: shownId,
          name: name.trim(),
          currency,
          siteBranch: site.trim(),
          posLocation: location.trim(),
          ...(isZvt(kind) ? { password, profile, baudRate } : {}),
        });
      }}
    >
      <label>
        {w.nameLabel}
        <input value={name} autoFocus placeholder={w.namePlaceholder} onInput={(e) => setName(inputValue(e))} />
      </label>
      <label>
        {w.idLabel}
        <input value={shownId} onInput={(e) => setId(inputValue(e))} />
      </label>
      {!validId(shownId) ? <p class="error">{w.idBad}</p> : null}
      <label>
        {w.currencyLabel}
        <select name="currency" value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <p class="muted">{w.currencyDefault(provider, defaultCurrency(kind))}</p>
      {isZvt(kind) ? (
        <ZvtFields
          kind={kind}
          password={password}
          profile={profile}
          baudRate={baudRate}
          onPassword={setPassword}
          onProfile={setProfile}
          onBaudRate={setBaudRate}
        />
      ) : null}
      {kind === 'blink' ? (
        <>
          <label>
            {w.blinkSite}
            <input value={site} onInput={(e) => setSite(inputValue(e))} />
          </label>
          <label>
            {w.blinkLocation}
            <input value={location} onInput={(e) => setLocation(inputValue(e))} />
          </label>
        </>
      ) : null}
      <button type="submit" disabled={!ok}>
        {w.save}
      </button>
    </form>
  );
}

function stepLabel(step: string, kind: PairKind, target: string): string {
  switch (step) {
    case 'connect':
      return kind === 'zvt-serial' ? w.stepConnectSerial(target) : w.stepConnectTcp(whereOf(target));
    case 'registration':
      return w.stepRegistration;
    case 'terminal_answer':
      return w.stepAnswer;
    case 'status_enquiry':
      return w.stepStatus;
    default:
      return step;
  }
}

const STATE_MARK = { running: '', ok: '✓ ', failed: '✗ ' } as const;

/** The connection test as it runs: each step, the one running marked live, advice under a failed one. */
function TestProgress({ kind, details, test }: { kind: PairKind; details: Details; test: ConnectionTest }) {
  const terminal = test.result?.terminal;
  const stateWord = (s: TestStep['state']) => (s === 'running' ? w.running : s === 'ok' ? w.done : w.failed);
  return (
    <ol class="steps pair-steps" aria-live="polite">
      {test.steps.map((s) => (
        <li key={s.step} class={`step ${s.state}`} data-step={s.step} data-step-state={s.state}>
          {s.state === 'running' ? <span class="spinner" aria-hidden="true" /> : STATE_MARK[s.state]}
          {stepLabel(s.step, kind, details.target)}
          <span class="sr-only"> — {stateWord(s.state)}</span>
          {s.state === 'failed' ? (
            <Advice
              text={adviceText(adviceFor(transportOf(kind), s.error_code ?? 'unknown'), {
                kind,
                target: details.target,
                id: details.id,
                resultCode: s.result_code,
                detail: s.detail,
              })}
            />
          ) : null}
        </li>
      ))}
      {terminal?.zvt_terminal_id ? (
        <li class="step ok">
          {STATE_MARK.ok}
          {w.answered(terminal.zvt_terminal_id, terminal.software_version ?? '')}
        </li>
      ) : null}
    </ol>
  );
}

type Stage = 'find' | 'details' | 'saving' | 'testing' | 'failed' | 'otp' | 'test';

const EMPTY: Details = { id: '', name: '', currency: '', target: '' };

export function PairView() {
  const [kind, setKind] = useState<PairKind>();
  const [stage, setStage] = useState<Stage>('find');
  const [details, setDetails] = useState<Details>(EMPTY);
  const [test, setTest] = useState<ConnectionTest>();
  const [error, setError] = useState<string>();
  // A test still polling when the technician starts again must not write into the new wizard.
  const run = useRef(0);
  const restart = () => {
    run.current++;
    setKind(undefined);
    setStage('find');
    setDetails(EMPTY);
    setTest(undefined);
    setError(undefined);
  };
  const facts = (d: Details) => ({ kind: kind!, target: d.target, id: d.id });

  const runTest = async (d: Details) => {
    const mine = ++run.current;
    setStage('testing');
    setTest(undefined);
    setError(undefined);
    const path = `/v1/terminals/${encodeURIComponent(d.id)}/test`;
    try {
      let view = await api.post<ConnectionTest>(path, {}, { prefer: 'respond-async' });
      for (;;) {
        if (mine !== run.current) return;
        setTest(view);
        if (view.state === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        view = await api.get<ConnectionTest>(path);
      }
      setStage(view.result?.ok ? 'test' : 'failed');
    } catch (err) {
      if (mine !== run.current) return;
      setError(adviceForError(err, facts(d)));
      setStage('failed');
    }
  };

  const save = async (d: Details) => {
    setDetails(d);
    setStage('saving');
    setError(undefined);
    try {
      await api.post('/v1/terminals', registrationBody(kind!, d));
    } catch (err) {
      setError(adviceForError(err, facts(d)));
      setStage('details');
      return;
    }
    if (isZvt(kind!)) await runTest(d);
    else setStage(kind === 'lab4pay' ? 'otp' : 'test');
  };
  const changeSettings = async () => {
    try {
      await api.del(`/v1/terminals/${encodeURIComponent(details.id)}`);
    } catch (err) {
      setError(adviceForError(err, facts(details)));
      return;
    }
    setTest(undefined);
    setError(undefined);
    setStage('find');
  };
  const pair = async (otp: string) => {
    setError(undefined);
    try {
      await api.post(`/v1/terminals/${encodeURIComponent(details.id)}/pair`, { otp });
      setStage('test');
    } catch (err) {
      setError(adviceForError(err, facts(details)));
    }
  };

  if (!kind) {
    return (
      <section class="panel" aria-labelledby="pair-h">
        <h2 id="pair-h">{w.heading}</h2>
        <p>{w.whatKind}</p>
        <ul class="choices">
          {KINDS.map((k) => (
            <li key={k}>
              <button
                type="button"
                class="choice"
                data-kind={k}
                onClick={() => {
                  setKind(k);
                  setDetails({ ...EMPTY, currency: defaultCurrency(k) });
                  setStage(k === 'lab4pay' ? 'details' : 'find');
                }}
              >
                <strong>{kindWords(k).title}</strong> <span class="muted">{kindWords(k).hint}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const found = (target: string, serialNumber: string | null = null) => {
    setDetails({ ...details, target, serialNumber });
    setStage('details');
  };
  return (
    <section class="panel wizard" aria-labelledby="pair-h">
      <h2 id="pair-h">{w.headingKind(kindWords(kind).title)}</h2>
      {stage === 'find' && kind === 'zvt-serial' ? <PortStep initial={details.target} onPick={found} /> : null}
      {stage === 'find' && kind === 'zvt-tcp' ? (
        <TextStep
          label={w.addressLabel}
          hint={w.addressHint}
          initial={details.target}
          check={(v) => parseHostPort(v) !== undefined}
          onNext={(v) => found(v)}
        />
      ) : null}
      {stage === 'find' && kind === 'blink' ? <RemoteStep kind="blink" onPick={(id) => found(id)} /> : null}
      {stage === 'find' && kind === 'payroc' ? (
        <TextStep
          label={w.payrocLabel}
          hint={w.payrocHint}
          initial={details.target}
          check={(v) => v.trim().length >= 4}
          onNext={(v) => found(v)}
        />
      ) : null}
      {stage === 'details' ? (
        <>
          <DetailsStep kind={kind} initial={details} onSave={save} />
          <Advice text={error} />
        </>
      ) : null}
      {stage === 'saving' ? <p aria-live="polite">{w.saving}</p> : null}
      {test && (stage === 'testing' || stage === 'failed' || stage === 'test') ? (
        <TestProgress kind={kind} details={details} test={test} />
      ) : null}
      {stage === 'failed' ? (
        <div class="pair-failed">
          <p class="error">{w.failedTitle}</p>
          <Advice text={error} />
          <div class="actions">
            <button type="button" onClick={() => runTest(details)}>
              {w.testAgain}
            </button>
            <button type="button" class="secondary" onClick={changeSettings}>
              {w.changeSettings}
            </button>
          </div>
        </div>
      ) : null}
      {stage === 'otp' ? (
        <>
          <TextStep label={w.otpLabel} hint={w.otpHint} check={(v) => v.trim().length >= 4} onNext={pair} />
          <Advice text={error} />
        </>
      ) : null}
      {stage === 'test' ? (
        <>
          <p class="ok" role="status">
            {w.savedAs(details.name, details.id)}
          </p>
          {canTestTransaction(kind) ? (
            <TestTransaction terminalId={details.id} currency={details.currency} onDone={restart} />
          ) : (
            <button type="button" onClick={restart}>
              {w.finish}
            </button>
          )}
        </>
      ) : null}
      <p>
        <button type="button" class="link" onClick={restart}>
          {w.startAgain}
        </button>
      </p>
    </section>
  );
}
