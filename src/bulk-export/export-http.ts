import type { HttpAnswer, HttpGet } from '../fhir-client/http-get.js';
import { OutboundRefusedError } from '../security/outbound-lookup.js';
import type { TokenSource } from './backend-auth.js';
import { BulkExportError } from './errors.js';
import type { ExportProgress } from './progress.js';
import { retryAfterMs, sleep } from './waiting.js';

/** How the export client retries and waits. */
export interface RetryPolicy {
  /** Attempts after the first for a 5xx (other than 503 with Retry-After) or a dropped connection. */
  transientRetries: number;
  /** First pause before such a retry; doubled on each (ms). */
  backoffMs: number;
  /** The longest single wait, whatever `Retry-After` asks (ms): a guard against absurd values. */
  maxWaitMs: number;
}

export interface ExportCallContext {
  http: HttpGet;
  tokens: TokenSource | undefined;
  retry: RetryPolicy;
  signal: AbortSignal;
  progress: (event: ExportProgress) => void;
  now: () => number;
}

export interface Call {
  url: URL;
  what: string;
  method?: 'GET' | 'DELETE';
  accept: string;
  /** Send the access token (when the client has credentials). */
  withToken: boolean;
  /** The kick-off: `Prefer: respond-async`. */
  preferAsync?: boolean;
}

/**
 * One request of the export protocol with its recoveries: a 401 gets one new token and one retry, a 429 (or a
 * 503 with `Retry-After`) waits as long as asked (capped) and retries for as long as the export may take, a
 * 5xx or a dropped connection is retried `transientRetries` times with backoff. Any other answer, and the
 * answer after the retries, is returned for the caller to judge; redirects are answers too (never followed).
 */
export async function exportCall(ctx: ExportCallContext, call: Call): Promise<HttpAnswer> {
  let refreshed = false;
  let transient = 0;
  for (;;) {
    const headers: Record<string, string> = { accept: call.accept, ...(call.preferAsync ? { prefer: 'respond-async' } : {}) };
    if (call.withToken && ctx.tokens) headers['authorization'] = `Bearer ${await ctx.tokens.token(ctx.signal, false)}`;
    let answer: HttpAnswer;
    try {
      answer = await ctx.http(call.url, { method: call.method ?? 'GET', headers, signal: ctx.signal });
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof OutboundRefusedError) throw new BulkExportError('refused', `the ${call.what} is not called: ${err.message}`);
      if (transient >= ctx.retry.transientRetries) {
        throw new BulkExportError('unreachable', `the ${call.what} ${call.url.origin}${call.url.pathname} could not be reached (${transient + 1} attempts)`);
      }
      await pause(ctx, call, 0, ctx.retry.backoffMs * 2 ** transient++, undefined);
      continue;
    }
    const asked = retryAfterMs(answer.headers.get('retry-after'), ctx.now());
    if (answer.status === 401 && call.withToken && ctx.tokens && !refreshed) {
      // An expired or revoked token: one new token, one more try; a second 401 is the caller's to report.
      await discard(answer);
      refreshed = true;
      await ctx.tokens.token(ctx.signal, true);
      ctx.progress({ phase: 'token-renewed', what: call.what });
      continue;
    }
    if (answer.status === 429 || (answer.status === 503 && asked !== undefined)) {
      await discard(answer);
      await pause(ctx, call, answer.status, asked ?? ctx.retry.backoffMs, asked);
      continue;
    }
    if (answer.status >= 500 && transient < ctx.retry.transientRetries) {
      await discard(answer);
      await pause(ctx, call, answer.status, asked ?? ctx.retry.backoffMs * 2 ** transient++, asked);
      continue;
    }
    return answer;
  }
}

async function pause(ctx: ExportCallContext, call: Call, status: number, wantedMs: number, askedMs: number | undefined): Promise<void> {
  const waitMs = Math.min(wantedMs, ctx.retry.maxWaitMs);
  ctx.progress({ phase: 'retrying', what: call.what, status, waitMs, ...(askedMs !== undefined ? { retryAfterMs: askedMs } : {}) });
  await sleep(waitMs, ctx.signal);
}

export async function discard(answer: HttpAnswer): Promise<void> {
  await answer.body?.cancel().catch(() => undefined);
}
