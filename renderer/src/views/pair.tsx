// The pairing wizard for field technicians: choose the kind of terminal, find it (scanned, or the port typed
// in), name it and give its ZVT settings, save it, watch the connection test step by step with advice for
// the cable or the network when a step fails, then optionally a test payment.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { pairWords as w } from '../i18n/pairing.js';
import {
  canTestTransaction,
  type ConnectionTest,
  defaultCurrency,
  type Details,
  isZvt,
  KINDS,
  kindWords,
  type PairKind,
  parseHostPort,
  registrationBody,
} from '../pairing.js';
import { Advice, adviceForError } from './pair-advice.js';
import { DetailsStep } from './pair-details.js';
import { PortStep, RemoteStep, TextStep } from './pair-find.js';
import { TestProgress } from './pair-progress.js';
import { TestTransaction } from './test-transaction.js';
import '../styles/pairing.css';

const POLL_MS = 250;

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
