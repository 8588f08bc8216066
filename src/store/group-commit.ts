/**
 * Group commit: writes submitted while a transaction is being committed wait and go together in the next
 * one, so a burst of concurrent hook calls pays for one commit (one fsync) instead of one each. Every
 * submitter's promise resolves only after the transaction holding its write has committed: an answer that
 * waits for it is never ahead of the data. If a shared transaction fails, each write is retried alone so
 * one bad write cannot fail the others.
 */
export interface GroupCommitOptions {
  maxBatch: number;
  /**
   * How long a batch may wait for company once writes come in bunches (the last batch held more than one).
   * A synchronous engine (SQLite) commits on the event loop, so nothing arrives during its commit: a short
   * window lets concurrent calls share one fsync. A lone caller never waits (its batch of one flushes at once).
   */
  windowMs: number;
}

export class GroupCommit<J, R> {
  private queue: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private lastBatch = 1;

  constructor(
    private readonly commit: (jobs: J[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions = { maxBatch: 256, windowMs: 0 },
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already parsed in this turn of the event loop (or, under load, in the window) join.
        if (this.options.windowMs > 0 && this.lastBatch > 1) setTimeout(() => void this.drain(), this.options.windowMs);
        else setImmediate(() => void this.drain());
      }
    });
  }

  /** Writes waiting or being committed. */
  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.lastBatch = batch.length;
      try {
        const results = await this.commit(batch.map((b) => b.job));
        batch.forEach((b, i) => b.resolve(results[i] as R));
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        for (const b of batch) {
          try {
            const [result] = await this.commit([b.job]);
            b.resolve(result as R);
          } catch (single) {
            b.reject(single);
          }
        }
      }
    }
    this.running = false;
  }
}
