// The connection test as it runs: each step live, advice under a failed one.
import { pairWords as w } from '../i18n/pairing.js';
import { adviceFor, type ConnectionTest, type Details, type PairKind, type TestStep, transportOf } from '../pairing.js';
import { Advice, adviceText, whereOf } from './pair-advice.js';

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
export function TestProgress({ kind, details, test }: { kind: PairKind; details: Details; test: ConnectionTest }) {
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
