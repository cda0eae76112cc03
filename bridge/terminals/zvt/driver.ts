// Keeps one connection per ZVT terminal and runs commands on it one at a time. A connection that fails
// (EIO on write, the port or socket closing, silence) is dropped and the terminal shown offline; the
// next command or health probe opens it again, no sooner than the reopen backoff allows.
import { backoffDelay } from '../../core/backoff.js';
import type { Clock } from '../../core/clock.js';
import type { CommandSnapshot, Timers } from './command-machine.js';
import { abort as abortCommand, registration, statusEnquiry } from './commands.js';
import type { ZvtProviderSettings, ZvtTransportSettings } from './config.js';
import { runCommand, type SessionHooks } from './session.js';
import type { ZvtTransport } from './transport.js';

/** Opens a transport; for serial it may find the device under another name (the path it used is returned). */
export type OpenTransport = (t: ZvtTransportSettings) => Promise<{ transport: ZvtTransport; path?: string }>;

export interface ZvtLinkState {
  readonly online: boolean;
  readonly busy: boolean;
  readonly lastError: string | null;
  /** When the terminal last answered anything (ms). */
  readonly lastSeenAt: number | null;
  /** The serial path in use, if the device was found again under another name. */
  readonly path?: string;
}

interface Link {
  transport?: ZvtTransport;
  opening?: Promise<ZvtTransport>;
  queue: Promise<unknown>;
  busy: boolean;
  failures: number;
  nextOpenAt: number;
  lastError: string | null;
  /** The errno of the last failed open, kept while the backoff refuses to reopen. */
  lastCode?: string | undefined;
  lastSeenAt: number | null;
  path?: string;
  /** Whether onChange last said online: it hears of changes only, not of every failed reopen. */
  reported?: boolean;
}

export class TerminalOffline extends Error {
  constructor(
    message: string,
    /** The errno of the failed open (ECONNREFUSED, …) when it had one: the pairing wizard's advice needs it. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TerminalOffline';
  }
}

const errnoOf = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** What a technician's test reports while it runs. */
export interface TestProgress {
  /** The connection is open; the registration (06 00) is about to go out. */
  connected(): void;
  /** The terminal took the registration on (80 00) and works on it: its answer (06 0F) is awaited. */
  registrationAccepted(): void;
  /** The registration succeeded; the status enquiry (05 01) goes out. */
  enquiring(): void;
}

export class ZvtDriver {
  private readonly links = new Map<string, Link>();
  private closed = false;

  constructor(
    private readonly open: OpenTransport,
    private readonly settings: Pick<ZvtProviderSettings, 't3_ms' | 't4_ms' | 'reopen_base_ms' | 'reopen_max_ms'>,
    private readonly clock: Clock,
    /** Called when a terminal's link goes offline or comes back. */
    private readonly onChange: (terminalId: string, state: ZvtLinkState) => void = () => {},
  ) {}

  private link(id: string): Link {
    let l = this.links.get(id);
    if (!l) {
      l = { queue: Promise.resolve(), busy: false, failures: 0, nextOpenAt: 0, lastError: null, lastSeenAt: null };
      this.links.set(id, l);
    }
    return l;
  }

  state(id: string): ZvtLinkState {
    const l = this.link(id);
    return {
      online: l.transport !== undefined,
      busy: l.busy,
      lastError: l.lastError,
      lastSeenAt: l.lastSeenAt,
      ...(l.path ? { path: l.path } : {}),
    };
  }

  private report(id: string, l: Link): void {
    const state = this.state(id);
    if (l.reported === state.online) return;
    l.reported = state.online;
    this.onChange(id, state);
  }

  private get timers(): Timers {
    return { t3Ms: this.settings.t3_ms, t4Ms: this.settings.t4_ms };
  }

  private drop(id: string, l: Link, reason: string): void {
    const t = l.transport;
    l.transport = undefined;
    l.failures++;
    l.lastError = reason;
    l.nextOpenAt =
      this.clock.now() +
      backoffDelay(l.failures, { baseMs: this.settings.reopen_base_ms, maxMs: this.settings.reopen_max_ms }, () => 0.5);
    void t?.close().catch(() => undefined);
    this.report(id, l);
  }

  private async connect(id: string, l: Link, settings: ZvtTransportSettings): Promise<ZvtTransport> {
    if (l.transport) return l.transport;
    if (this.closed) throw new TerminalOffline('posbridge is shutting down');
    const wait = l.nextOpenAt - this.clock.now();
    if (wait > 0)
      throw new TerminalOffline(
        `${l.lastError ?? 'the terminal is offline'}; trying again in ${Math.ceil(wait / 1000)} s`,
        l.lastCode,
      );
    try {
      const { transport, path } = await this.open(settings);
      l.transport = transport;
      l.lastCode = undefined;
      if (path) l.path = path;
      const lost = (reason: string) => {
        if (l.transport === transport) this.drop(id, l, reason);
      };
      transport.events.on('error', (err: Error) => lost(err.message));
      transport.events.on('close', () => lost('the connection to the terminal closed'));
      transport.events.on('apdu', () => {
        l.lastSeenAt = this.clock.now();
      });
      this.report(id, l);
      return transport;
    } catch (err) {
      this.drop(id, l, (err as Error).message);
      l.lastCode = errnoOf(err);
      throw new TerminalOffline((err as Error).message, l.lastCode);
    }
  }

  /** Runs one command on the terminal's connection, after any command already running there. */
  run(
    id: string,
    settings: ZvtTransportSettings,
    command: Buffer,
    hooks: SessionHooks,
    /** Called once the connection is open, just before the command goes out. */
    connected?: () => void,
  ): Promise<CommandSnapshot> {
    const l = this.link(id);
    const next = l.queue.then(async () => {
      const transport = await this.connect(id, l, settings);
      connected?.();
      l.busy = true;
      try {
        const snap = await runCommand(transport, command, hooks, this.timers);
        if (snap.failure?.kind === 'transport' || (snap.failure?.kind === 'no_answer' && snap.failure.timer === 'T3')) {
          this.drop(id, l, snap.failure.kind === 'transport' ? snap.failure.reason : 'the terminal did not answer');
        } else {
          l.failures = 0;
          l.lastError = null;
        }
        return snap;
      } finally {
        l.busy = false;
      }
    });
    l.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * A status enquiry on an idle terminal: a failed write, a closed port or silence marks it offline; a
   * terminal offline is reopened here once its backoff has run out. Never queued behind work.
   */
  async poll(id: string, settings: ZvtTransportSettings, password: string): Promise<void> {
    const l = this.link(id);
    if (l.busy || this.closed || (!l.transport && this.clock.now() < l.nextOpenAt)) return;
    await this.run(id, settings, statusEnquiry(password), { persist: () => {} }).catch(() => undefined);
  }

  /** Registration (06 00) then status enquiry (05 01): what a technician's "test" runs, step by step. */
  async test(
    id: string,
    settings: ZvtTransportSettings,
    password: string,
    currency: string,
    progress?: TestProgress,
  ): Promise<{ registration: CommandSnapshot; status?: CommandSnapshot }> {
    // A person stands at the terminal and has just fixed its cable or address: try now, not after the
    // reopen backoff an earlier failure set.
    const l = this.link(id);
    if (!l.transport) l.nextOpenAt = 0;
    const reg = await this.run(
      id,
      settings,
      registration(password, currency),
      { persist: () => {}, accepted: () => progress?.registrationAccepted() },
      () => progress?.connected(),
    );
    if (reg.state !== 'done') return { registration: reg };
    progress?.enquiring();
    return { registration: reg, status: await this.run(id, settings, statusEnquiry(password), { persist: () => {} }) };
  }

  /**
   * The POS's cancel: 06 B0 on the connection of the command waiting for the card. Whether the
   * terminal honours it is up to the terminal (it then ends the command with 06 1E 6C).
   */
  async abort(id: string): Promise<boolean> {
    const l = this.links.get(id);
    if (!l?.busy || !l.transport) return false;
    await l.transport.send(abortCommand());
    return true;
  }

  /** Forgets a terminal (deleted, or its transport changed): closes its connection. */
  async forget(id: string): Promise<void> {
    const l = this.links.get(id);
    this.links.delete(id);
    await l?.transport?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.links.keys()]) await this.forget(id);
  }
}
