// Keeps a daemon running and reports how it is. It first connects to one already running (a Windows
// service, or a daemon started by hand) over the control channel; if none answers it starts one as a
// child process, and starts it again if it dies. It never opens the database or calls providers.
import { EventEmitter } from 'node:events';
import type { ControlClient } from '../native/control-client.js';
import type { DaemonStatus, Link } from './tray-state.js';

export interface DaemonChild {
  readonly pid: number | undefined;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  kill(): void;
}

export interface SupervisorDeps {
  connect(): Promise<ControlClient>;
  spawnDaemon(): DaemonChild;
  /** How often the status is asked for (the tray's icon and tooltip). */
  readonly pollMs: number;
  /** How long a child gets to open its control channel, and the pause between restarts. */
  readonly startWaitMs: number;
  readonly restartDelayMs: number;
}

export class Supervisor extends EventEmitter<{ link: [Link] }> {
  private client: ControlClient | undefined;
  private child: DaemonChild | undefined;
  private stopped = false;
  private restarts = 0;
  private poll: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  link: Link = { kind: 'starting' };

  constructor(private readonly deps: SupervisorDeps) {
    super();
  }

  /** Whether the daemon is this app's child (quitting the tray then stops it) rather than a service. */
  get ownsDaemon(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    await this.attach();
  }

  async request(command: string, args?: Record<string, unknown>): Promise<unknown> {
    if (!this.client) throw new Error('posbridge is not running');
    const result = await this.client.request(command, args);
    if (command === 'pause' || command === 'resume' || command === 'status')
      this.setLink({ kind: 'connected', status: result as DaemonStatus });
    return result;
  }

  /** Stops supervising; with `shutdownDaemon`, a daemon this app started is asked to stop and awaited. */
  async stop(shutdownDaemon: boolean): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (shutdownDaemon && child && this.client) {
      await this.client.request('shutdown').catch(() => undefined);
      await Promise.race([child.exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    this.client?.close();
    this.client = undefined;
  }

  private setLink(link: Link): void {
    this.link = link;
    this.emit('link', link);
  }

  private async attach(): Promise<void> {
    if (this.stopped) return;
    if (await this.tryConnect()) return;
    // Nobody answers: start our own daemon and wait for its control channel to open.
    if (!this.child) this.spawn();
    const until = Date.now() + this.deps.startWaitMs;
    while (!this.stopped && Date.now() < until) {
      if (await this.tryConnect()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!this.stopped) this.lost();
  }

  private spawn(): void {
    const child = this.deps.spawnDaemon();
    this.child = child;
    void child.exited.then(() => {
      if (this.child !== child) return;
      this.child = undefined;
      if (this.stopped) return;
      this.restarts++;
      this.lost();
    });
  }

  /** The daemon is gone (its channel closed, or the child exited: often both, in either order). */
  private lost(): void {
    this.client?.close();
    this.client = undefined;
    clearInterval(this.poll);
    this.setLink({ kind: 'lost', since: Date.now(), restarts: this.restarts });
    if (this.restartTimer || this.stopped) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.attach();
    }, this.deps.restartDelayMs);
  }

  private async tryConnect(): Promise<boolean> {
    let client: ControlClient;
    try {
      client = await this.deps.connect();
    } catch {
      return false;
    }
    this.client = client;
    client.onClose(() => {
      if (this.client === client && !this.stopped) this.lost();
    });
    try {
      await this.request('status');
    } catch {
      client.close();
      this.client = undefined;
      return false;
    }
    clearInterval(this.poll);
    this.poll = setInterval(() => {
      void this.request('status').catch(() => undefined);
    }, this.deps.pollMs);
    return true;
  }
}
