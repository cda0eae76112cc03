// The interpreter: runs one command machine over a transport. It performs the machine's effects (send,
// acknowledge, timers, persist) and feeds back what happens. All protocol decisions stay in the machine.
import type { ZvtTransport } from './transport.js';
import {
  ACK_APDU,
  CommandMachine,
  DEFAULT_TIMERS,
  type CommandEffect,
  type CommandSnapshot,
  type Timers,
} from './command-machine.js';
import type { ZvtValues } from './message.js';

export interface SessionHooks {
  /** Durably record a successful result before the terminal hears it was received (booking finality). */
  persist(result: ZvtValues): Promise<void> | void;
  status?(code: number, text?: string): void;
  /** The terminal answered 80 00: it took the command on and works on it (a pairing test shows this). */
  accepted?(): void;
  print?(text: string): void;
}

export function runCommand(
  transport: ZvtTransport,
  command: Buffer,
  hooks: SessionHooks,
  timers: Timers = DEFAULT_TIMERS,
): Promise<CommandSnapshot> {
  const machine = new CommandMachine(command, timers);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      transport.events.off('apdu', onApdu);
      transport.events.off('error', onError);
      transport.events.off('close', onClose);
      resolve(machine.snapshot);
    };
    let accepted = false;
    const feed = (input: Parameters<CommandMachine['next']>[0]) => {
      perform(machine.next(input));
      if (!accepted && machine.snapshot.accepted) {
        accepted = true;
        hooks.accepted?.();
      }
      const s = machine.snapshot.state;
      if (s === 'done' || s === 'failed') finish();
    };
    const perform = (effects: CommandEffect[]) => {
      for (const e of effects) {
        switch (e.type) {
          case 'send':
            transport.send(e.apdu).then(
              () => feed({ type: 'sent' }),
              (err: Error) => feed({ type: 'transport_error', reason: err.message }),
            );
            break;
          case 'ack':
            transport.send(ACK_APDU).catch((err: Error) => feed({ type: 'transport_error', reason: err.message }));
            break;
          case 'start_timer':
            clearTimeout(timer);
            timer = setTimeout(() => feed({ type: 'timeout', timer: e.timer }), e.ms);
            break;
          case 'status':
            hooks.status?.(e.code, e.text);
            break;
          case 'print':
            hooks.print?.(e.text);
            break;
          case 'persist':
            Promise.resolve(hooks.persist(e.result)).then(
              () => feed({ type: 'persisted' }),
              (err: Error) => feed({ type: 'transport_error', reason: `could not persist the result: ${err.message}` }),
            );
            break;
        }
      }
    };
    const onApdu = (apdu: Buffer) => feed({ type: 'received', apdu });
    const onError = (err: Error) => feed({ type: 'transport_error', reason: err.message });
    const onClose = () => feed({ type: 'transport_error', reason: 'the terminal closed the connection' });
    transport.events.on('apdu', onApdu);
    transport.events.on('error', onError);
    transport.events.on('close', onClose);
    perform(machine.start());
  });
}
