// The technician's connection test of a ZVT terminal after plugging it in: open the connection, registration
// (06 00, with the terminal's ECR password and currency), the terminal's answer to it, and the status enquiry
// (05 01). Each step is reported as it starts and ends, and a failed one says why with a stable code
// (failure-code.ts) that the pairing wizard turns into advice for the cable or the network.
import type { TerminalTest, TestStep } from '../../core/channel.js';
import { BridgeError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import type { CommandFailure } from './command-machine.js';
import { zvtSettings } from './config.js';
import { TerminalOffline, type ZvtDriver } from './driver.js';
import { zvtFailureCode } from './failure-code.js';
import { describeResultCode } from './result-codes.js';
import { statusOf } from './status.js';

/** In the order they run. */
export const ZVT_TEST_STEPS = ['connect', 'registration', 'terminal_answer', 'status_enquiry'] as const;

export async function testZvtTerminal(
  store: Store,
  driver: ZvtDriver,
  id: string,
  onStep: (steps: readonly TestStep[]) => void = () => {},
): Promise<TerminalTest> {
  const t = store.terminals.get(id);
  if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
  const s = zvtSettings(JSON.parse(t.settings_json) as Record<string, unknown>);
  const steps: TestStep[] = [];
  const begin = (step: string, detail: string) => {
    steps.push({ step, state: 'running', detail, error_code: null, result_code: null });
    onStep([...steps]);
  };
  const end = (ok: boolean, detail: string, failure?: Pick<TestStep, 'error_code' | 'result_code'>) => {
    const last = steps.pop()!;
    steps.push({ ...last, state: ok ? 'ok' : 'failed', detail, ...failure });
    onStep([...steps]);
  };

  begin('connect', 'opening the connection');
  let run;
  try {
    run = await driver.test(id, s.transport, s.password, t.currency ?? 'EUR', {
      connected: () => {
        end(true, 'connected');
        begin('registration', 'registration (06 00) sent');
      },
      registrationAccepted: () => {
        end(true, 'the terminal took the registration on (80 00)');
        begin('terminal_answer', 'waiting for the terminal');
      },
      enquiring: () => {
        end(true, 'the terminal accepted the registration');
        begin('status_enquiry', 'status enquiry (05 01) sent');
      },
    });
  } catch (err) {
    const code = err instanceof TerminalOffline ? err.code : undefined;
    end(false, (err as Error).message, {
      error_code: zvtFailureCode({ code, reason: (err as Error).message }),
      result_code: null,
    });
    return report(id, steps, null);
  }
  const reg = run.registration;
  if (reg.state !== 'done') {
    end(false, failureText(reg.failure), failureCodes(reg.failure));
    return report(id, steps, null);
  }
  const status = run.status ? statusOf(run.status) : undefined;
  if (run.status?.state === 'done') end(true, `status ${status?.status ?? 'unknown'}`);
  else end(false, failureText(run.status?.failure), failureCodes(run.status?.failure));
  return report(id, steps, {
    zvt_terminal_id: reg.completion?.values.terminalId ?? null,
    software_version: status?.softwareVersion ?? null,
    status: status?.status ?? null,
  });
}

function report(id: string, steps: readonly TestStep[], terminal: TerminalTest['terminal']): TerminalTest {
  return {
    terminal_id: id,
    ok: steps.every((x) => x.state === 'ok'),
    steps: steps.map((x) => ({
      step: x.step,
      ok: x.state === 'ok',
      detail: x.detail,
      error_code: x.error_code,
      result_code: x.result_code,
    })),
    terminal,
  };
}

function failureCodes(f: CommandFailure | undefined): Pick<TestStep, 'error_code' | 'result_code'> {
  if (!f) return { error_code: 'unknown', result_code: null };
  const resultCode = 'resultCode' in f ? f.resultCode : undefined;
  return {
    error_code: zvtFailureCode({
      reason: 'reason' in f ? f.reason : undefined,
      timer: 'timer' in f ? f.timer : undefined,
      resultCode,
    }),
    result_code: resultCode ?? null,
  };
}

function failureText(f: CommandFailure | undefined): string {
  if (!f) return 'no answer';
  if ('resultCode' in f) return describeResultCode(f.resultCode);
  if ('timer' in f) return `the terminal did not answer in time (${f.timer})`;
  return f.reason;
}
