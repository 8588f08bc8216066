import type { Server } from 'node:http';
import type { Lifecycle } from './lifecycle.js';

/**
 * Stop taking connections, let every in-flight request finish (its response is sent, keep-alive is closed),
 * then resolve `true`. After `timeoutMs` the remaining connections are cut and it resolves `false`.
 */
export async function drainAndClose(server: Server, lifecycle: Lifecycle, timeoutMs: number): Promise<boolean> {
  lifecycle.startDraining();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets hold `close` open; sweep them as in-flight requests finish.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const drained = lifecycle
    .idle()
    .then(() => closed)
    .then(() => 'drained' as const);
  const outcome = await Promise.race([drained, timedOut]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (outcome === 'timeout') server.closeAllConnections();
  return outcome === 'drained';
}
