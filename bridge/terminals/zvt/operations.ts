// The pre-authorisation lifecycle in ZVT terms, pure: which command an operation becomes (by the
// terminal's profile), and what the command's end means in our Outcome union. The I/O is elsewhere.
import type { Approval, Outcome } from '../../core/outcome.js';
import { terminalSettingsParser } from '../../core/terminal-settings.js';
import type { Capabilities, OperationContext, ProviderFacts } from '../../core/connector.js';
import type { CommandFailure, CommandSnapshot } from './command-machine.js';
import { bookTotal, extension, partialReversal, preauth, preauthReversal, type ReservationRef } from './commands.js';
import { ZvtTerminalSettings } from './config.js';
import type { ZvtValues } from './message.js';
import type { TerminalProfile } from './profile.js';
import { outcomeOfResultCode } from './result-codes.js';

export const ZVT_CAPABILITIES: Capabilities = {
  // A command cannot be replayed safely and the terminal keeps no lookup by our reference: what
  // protects against doubles is the booking finality (04 0F persisted before it is acknowledged).
  idempotencyKey: false,
  statusLookup: false,
  adjust: true,
  partialCapture: true,
  captureAboveAuthorized: false,
  mode: 'sync',
  cardPresence: 'card_present',
  voidWindow: 'Until the terminal sends its end-of-day batch; girocard and Maestro reverse on their own instead',
};

export type ZvtCommandPlan =
  | { readonly kind: 'command'; readonly apdu: Buffer; readonly name: string }
  | { readonly kind: 'rejected'; readonly outcome: Outcome };

const rejected = (message: string): ZvtCommandPlan => ({
  kind: 'rejected',
  outcome: { kind: 'rejected', code: 'operation_not_supported', message, fieldErrors: [] },
});

/** The reservation's references as kept with the transaction (from the preauth's 04 0F). */
export function reservationOf(refs: Readonly<Record<string, string>>): ReservationRef | undefined {
  if (!refs.receipt) return undefined;
  return {
    receipt: refs.receipt,
    ...(refs.trace ? { trace: refs.trace } : {}),
    ...(refs.aid ? { aid: refs.aid } : {}),
    ...(refs.date ? { date: refs.date } : {}),
    ...(refs.time ? { time: refs.time } : {}),
    ...(refs.terminal_id ? { terminalId: refs.terminal_id } : {}),
  };
}

/** The command for one operation. `adjust` carries the new total; ZVT's extension carries the difference. */
export function planCommand(ctx: OperationContext, profile: TerminalProfile): ZvtCommandPlan {
  const { transaction: tx, operation: op } = ctx;
  if (ctx.kind === 'preauth')
    return {
      kind: 'command',
      name: 'pre-authorisation 06 22',
      apdu: preauth(tx.amountRequested, tx.currency, profile),
    };
  const ref = reservationOf(tx.providerRefs);
  if (!ref) return rejected('The terminal gave no receipt number for this reservation, so it cannot be referred to');
  const authorized = tx.amountAuthorized ?? tx.amountRequested;
  switch (ctx.kind) {
    case 'adjust': {
      const total = op.amount ?? authorized;
      if (!profile.extension)
        return rejected(
          `Terminal profile ${profile.name} cannot extend a reservation; capture up to the authorised amount instead`,
        );
      if (total <= authorized)
        return rejected(
          'A ZVT reservation can only be raised; capture the lower amount instead and the rest is released',
        );
      return {
        kind: 'command',
        name: 'extension 06 22',
        apdu: extension(total - authorized, tx.currency, ref, profile),
      };
    }
    case 'capture': {
      const final = op.amount ?? authorized;
      if (profile.bookTotal)
        return { kind: 'command', name: 'book total 06 24', apdu: bookTotal(final, tx.currency, ref, profile) };
      if (profile.partialReversal)
        return {
          kind: 'command',
          name: 'partial reversal 06 23',
          apdu: partialReversal(authorized - final, tx.currency, ref, profile),
        };
      return rejected(`Terminal profile ${profile.name} has no command to book a reservation`);
    }
    case 'void':
      if (profile.preauthReversal)
        return {
          kind: 'command',
          name: 'pre-authorisation reversal 06 25',
          apdu: preauthReversal(tx.currency, ref, profile),
        };
      // Releasing the whole amount is a void by another name (zvt.md: girocard/Maestro).
      if (profile.partialReversal)
        return {
          kind: 'command',
          name: 'partial reversal 06 23',
          apdu: partialReversal(authorized, tx.currency, ref, profile),
        };
      return rejected(`Terminal profile ${profile.name} has no command to release a reservation`);
  }
}

const CARD_TYPES: Readonly<Record<number, string>> = {
  5: 'girocard',
  6: 'mastercard',
  8: 'amex',
  10: 'visa',
  46: 'maestro',
};

/** The references a later command needs, from the preauth's 04 0F. */
function refsOf(r: ZvtValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.receipt) out.receipt = r.receipt;
  if (r.trace) out.trace = r.trace;
  if (r.aid) out.aid = r.aid;
  if (r.date) out.date = r.date;
  if (r.time) out.time = r.time;
  if (r.terminalId) out.terminal_id = r.terminalId;
  return out;
}

/** What a successful 04 0F means for the transaction. */
export function approvalOf(ctx: OperationContext, r: ZvtValues | undefined): Approval {
  const authorized = ctx.transaction.amountAuthorized ?? ctx.transaction.amountRequested;
  const card =
    r?.maskedPan || r?.cardType !== undefined
      ? {
          card: {
            ...(r.maskedPan ? { maskedPan: r.maskedPan } : {}),
            ...(r.cardType !== undefined && CARD_TYPES[r.cardType] ? { brand: CARD_TYPES[r.cardType] } : {}),
            entryMode: 'card_present',
          },
        }
      : {};
  switch (ctx.kind) {
    case 'preauth': {
      const refs = r ? refsOf(r) : {};
      return {
        ...(refs.receipt ? { providerRef: refs.receipt } : {}),
        providerRefs: refs,
        amountAuthorized: r?.amount ?? ctx.transaction.amountRequested,
        ...card,
      };
    }
    case 'adjust': {
      // The 04 0F of an extension reports the added amount; without it, what was asked for was added.
      const added = r?.amount ?? (ctx.operation.amount ?? authorized) - authorized;
      return { amountAuthorized: authorized + added };
    }
    case 'capture':
      return { amountCaptured: r?.amount ?? ctx.operation.amount ?? authorized };
    case 'void':
      return {};
  }
}

/** The result that was persisted (booking finality) becomes an approval; anything else is mapped here. */
export function outcomeOf(ctx: OperationContext, snap: CommandSnapshot): Outcome {
  if (snap.booked || (snap.state === 'done' && snap.result))
    return { kind: 'approved', approval: approvalOf(ctx, snap.result) };
  if (snap.state === 'done') {
    // 06 0F without a 04 0F: the terminal reports success but no booking data. A follow-up still
    // worked; a preauth without a receipt number could never be captured, so it counts as not known.
    return ctx.kind === 'preauth'
      ? { kind: 'unknown', reason: 'the terminal ended the pre-authorisation without a result' }
      : { kind: 'approved', approval: approvalOf(ctx, undefined) };
  }
  return outcomeOfFailure(ctx, snap.failure, snap.accepted === true);
}

/** A card-present preauth is never kept for later: the customer is at the counter now. */
export function unreachable(ctx: OperationContext, reason: string): Outcome {
  return ctx.kind === 'preauth'
    ? {
        kind: 'rejected',
        code: 'provider_unavailable',
        message: `The terminal cannot be reached (${reason}); nothing was reserved`,
        fieldErrors: [],
      }
    : { kind: 'retryable', notSent: true, reason: `the terminal cannot be reached: ${reason}` };
}

function outcomeOfFailure(ctx: OperationContext, failure: CommandFailure | undefined, accepted: boolean): Outcome {
  if (!failure) return { kind: 'unknown', reason: 'the command ended without a result' };
  switch (failure.kind) {
    case 'refused':
      return outcomeOfResultCode(failure.resultCode, false);
    case 'declined':
      return outcomeOfResultCode(failure.result?.resultCode ?? failure.resultCode, true);
    case 'no_answer':
      // T3: the terminal never took the command on. T4: it went silent while working; without our
      // acknowledgement of a result it reverses any booking itself, so nothing stands.
      return failure.timer === 'T3'
        ? unreachable(ctx, 'it did not take the command on within T3; is it switched on and connected?')
        : {
            kind: 'rejected',
            code: 'terminal_timeout',
            message:
              'The terminal stopped answering while it worked (T4); it reverses what it could not report, so nothing was booked',
            fieldErrors: [],
          };
    case 'transport':
      return accepted
        ? {
            kind: 'rejected',
            code: 'interrupted',
            message: `The connection to the terminal broke during the command (${failure.reason}); the terminal reverses what it could not report, so nothing was booked`,
            fieldErrors: [],
          }
        : unreachable(ctx, failure.reason);
    case 'protocol':
      return {
        kind: 'rejected',
        code: 'provider_error',
        message: `The terminal answered out of protocol: ${failure.reason}`,
        fieldErrors: [],
      };
  }
}

/** What the engine and the API read of ZVT as a "provider": no HTTP connector, the driver does the I/O. */
export const ZVT_FACTS: ProviderFacts = {
  name: 'zvt',
  capabilities: ZVT_CAPABILITIES,
  needsCard: () => false,
  terminalSettings: terminalSettingsParser('zvt', ZvtTerminalSettings),
};
