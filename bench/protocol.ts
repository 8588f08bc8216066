/** Messages between bench/run.ts and the server child (bench/server.ts), and the parent's handle on it. */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GcPause } from './tail.js';

export interface FhirCall {
  url: string;
  start: number;
  end: number;
}

export type ToServer =
  | { type: 'set-floor-response'; body: unknown }
  /** The out-of-process floor (bench/floor.ts): the bytes it answers with. */
  | { type: 'set-response'; body: string }
  /** Start / stop counting the bytes the server allocates (V8's GC profiler) over the calls made meanwhile. */
  | { type: 'heap-start' }
  | { type: 'heap-stop' }
  /** Start V8's CPU profiler in the server (sampling every `intervalUs`); stop it and write the profile to `file`. */
  | { type: 'profile-start'; intervalUs: number }
  | { type: 'profile-stop'; file: string }
  /** Start / stop logging the server's GC pauses (for bench/tail.ts). */
  | { type: 'gc-log-start' }
  | { type: 'gc-log-stop' }
  | { type: 'reset-calls' }
  | { type: 'get-calls' }
  | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; baseUrl: string; fhirResources: number }
  | { type: 'ok' }
  | { type: 'calls'; calls: FhirCall[]; fhirHits: number }
  | { type: 'heap'; allocatedBytes: number; scavenges: number; markSweeps: number; gcMs: number }
  | { type: 'gc-log'; pauses: GcPause[] };

/** The server child: one request at a time, each answered by the child's next message. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly fhirResources: number,
  ) {}

  /** `entry`: bench/server.ts compiled to JavaScript (see build.ts); `env`: the service's learning settings. */
  /** `onStdout`: the child's standard output line by line (e.g. V8's `--trace-gc-nvp` lines) instead of this process's. */
  static async start(entry: string, env: Record<string, string> = {}, execArgv: string[] = [], onStdout?: (line: string) => void): Promise<ServerProcess> {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const stdout = onStdout ? 'pipe' : 'inherit';
    const child = fork(entry, [], { cwd: root, execArgv, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit', 'ipc'] });
    if (onStdout && child.stdout) createInterface({ input: child.stdout }).on('line', onStdout);
    const ready = await new Promise<FromServer>((resolve, reject) => {
      child.once('message', (m) => resolve(m as FromServer));
      child.once('exit', (code) => reject(new Error(`the bench server exited (code ${code}) before it was ready`)));
    });
    if (ready.type !== 'ready') throw new Error(`unexpected first message from the bench server: ${ready.type}`);
    return new ServerProcess(child, ready.baseUrl, ready.fhirResources);
  }

  request(message: ToServer): Promise<FromServer> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve(m as FromServer));
      this.child.send(message);
    });
  }

  async heap(): Promise<Extract<FromServer, { type: 'heap' }>> {
    const reply = await this.request({ type: 'heap-stop' });
    if (reply.type !== 'heap') throw new Error(`expected heap figures, got ${reply.type}`);
    return reply;
  }

  async gcPauses(): Promise<GcPause[]> {
    const reply = await this.request({ type: 'gc-log-stop' });
    if (reply.type !== 'gc-log') throw new Error(`expected GC pauses, got ${reply.type}`);
    return reply.pauses;
  }

  async calls(): Promise<{ calls: FhirCall[]; fhirHits: number }> {
    const reply = await this.request({ type: 'get-calls' });
    if (reply.type !== 'calls') throw new Error(`expected calls, got ${reply.type}`);
    return reply;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' } satisfies ToServer);
    });
  }
}
