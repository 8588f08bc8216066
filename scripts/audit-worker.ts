/**
 * A worker of the sharded population audit (README "Population audit", sharding with the queue):
 *   npm run audit:worker -- --queue postgres://... [--concurrency N]
 * Works audit jobs until SIGTERM/SIGINT, then finishes its running jobs and stops. Logs task kinds only.
 */
import { parseWorkerArgs } from '../src/audit/queue/worker-args.js';
import { startQueueWorker } from '../src/audit/queue/queue-worker.js';

try {
  const args = parseWorkerArgs(process.argv.slice(2));
  const worker = await startQueueWorker({ ...args, log: (line) => process.stderr.write(`audit-worker: ${line}\n`) });
  process.stderr.write(`audit-worker: ready (concurrency ${args.concurrency})\n`);
  const stop = (): void => {
    process.stderr.write('audit-worker: stopping\n');
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  process.stderr.write(`audit-worker: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
