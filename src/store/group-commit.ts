/**
 * Group commit: writes submitted while a transaction is being committed wait and go together in the next
 * one, so a burst of concurrent hook calls pays for one commit (one fsync) instead of one each. Every
 * submitter's promise resolves only after the transaction holding its write has committed: an answer that
 * waits for it is never ahead of the data. If a shared transaction fails, each write is retried alone so
 * one bad write cannot fail the others.
 */
export class GroupCommit<J, R> {
  private queue: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly commit: (jobs: J[]) => Promise<R[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Writes waiting or being committed. */
  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
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
