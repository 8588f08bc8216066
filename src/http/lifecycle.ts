import type { RequestHandler } from 'express';

export type LifecyclePhase = 'starting' | 'ready' | 'draining';

/**
 * The service's phase and its in-flight requests: `/readyz` answers from it, and shutdown waits on it.
 * Created by the entry point (which marks it ready once listening); apps built without one are ready at once.
 */
export class Lifecycle {
  private current: LifecyclePhase;
  private active = 0;
  private waiters: (() => void)[] = [];

  constructor(phase: LifecyclePhase = 'starting') {
    this.current = phase;
  }

  get phase(): LifecyclePhase {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  startDraining(): void {
    this.current = 'draining';
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Count requests until their response is finished or the connection closes; while draining, close keep-alive. */
  readonly track: RequestHandler = (_req, res, next) => {
    this.active += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.active -= 1;
      if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    res.once('finish', finish);
    res.once('close', finish);
    if (this.current === 'draining') res.setHeader('Connection', 'close');
    next();
  };
}
