/** A response body was larger than the caller allows; reading stopped there. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`);
  }
}

/** The bytes shared by concurrent reads ran out (a busy service, not a body too large). */
export class PoolExhaustedError extends Error {
  override readonly name = 'PoolExhaustedError';
  constructor(readonly poolBytes: number) {
    super(`more than ${poolBytes} bytes are being read at once`);
  }
}

/** The body is not valid UTF-8 (so not JSON either). */
export class BodyNotUtf8Error extends Error {
  override readonly name = 'BodyNotUtf8Error';
  constructor() {
    super('response body is not valid UTF-8');
  }
}

/** Bytes a reader may still read, counted as they arrive; shared by every body read against it. */
export interface ByteBudget {
  readonly left: number;
  /** Throws the budget's error if `bytes` more would not fit (nothing is counted). */
  check(bytes: number): void;
  /** Count `bytes` just read; throws the budget's error when they go past it. */
  spend(bytes: number): void;
}

/** A fixed allowance; past it, `BodyTooLargeError`. */
export function fixedBudget(limitBytes: number): ByteBudget {
  let spent = 0;
  return {
    get left() {
      return limitBytes - spent;
    },
    check(bytes) {
      if (spent + bytes > limitBytes) throw new BodyTooLargeError(limitBytes);
    },
    spend(bytes) {
      spent += bytes;
      if (spent > limitBytes) throw new BodyTooLargeError(limitBytes);
    },
  };
}

/** Bytes shared by all the reads in progress at once (e.g. every hook call's FHIR reads). */
export class BytePool {
  left: number;
  constructor(readonly maxBytes: number) {
    this.left = maxBytes;
  }
}

/**
 * One caller's allowance: its own limit (past it, `BodyTooLargeError`) drawn from a shared pool (when it runs
 * dry, `PoolExhaustedError`). `release` gives what it drew back to the pool, once; reads after that no longer
 * draw on it.
 */
export class PooledBudget implements ByteBudget {
  private spent = 0;
  private drawn = 0;
  private released = false;

  constructor(
    private readonly limitBytes: number,
    private readonly pool: BytePool | undefined,
  ) {}

  get left(): number {
    return Math.min(this.limitBytes - this.spent, this.pool && !this.released ? this.pool.left : Number.POSITIVE_INFINITY);
  }

  check(bytes: number): void {
    if (this.spent + bytes > this.limitBytes) throw new BodyTooLargeError(this.limitBytes);
    if (this.pool && !this.released && bytes > this.pool.left) throw new PoolExhaustedError(this.pool.maxBytes);
  }

  spend(bytes: number): void {
    this.spent += bytes;
    if (this.pool && !this.released) {
      this.pool.left -= bytes;
      this.drawn += bytes;
    }
    if (this.spent > this.limitBytes) throw new BodyTooLargeError(this.limitBytes);
    if (this.pool && !this.released && this.pool.left < 0) throw new PoolExhaustedError(this.pool.maxBytes);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.pool) this.pool.left += this.drawn;
  }
}

/**
 * Read a response body as UTF-8 text, drawing on `budget` chunk by chunk: a declared `Content-Length` the
 * budget cannot take is refused before reading, a stream that outgrows it is cancelled. Memory stays bounded
 * whatever the other side sends. Throws the budget's error (`BodyTooLargeError`, `PoolExhaustedError`) or
 * `BodyNotUtf8Error`.
 */
export async function readCappedText(
  response: { headers: { get(name: string): string | null }; body: ReadableStream<Uint8Array> | null },
  budget: ByteBudget,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) {
    try {
      budget.check(declared);
    } catch (err) {
      await response.body?.cancel().catch(() => undefined);
      throw err;
    }
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    try {
      budget.spend(value.byteLength);
    } catch (err) {
      await reader.cancel().catch(() => undefined);
      throw err;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, bytes));
  } catch {
    throw new BodyNotUtf8Error();
  }
}
