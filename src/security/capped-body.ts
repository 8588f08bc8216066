/** A response body was larger than the caller allows; reading stopped there. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`);
  }
}

/** The body is not valid UTF-8 (so not JSON either). */
export class BodyNotUtf8Error extends Error {
  override readonly name = 'BodyNotUtf8Error';
  constructor() {
    super('response body is not valid UTF-8');
  }
}

/** Bytes still allowed; shared by every body read against it, so parallel reads cannot each take the whole. */
export interface ByteBudget {
  left: number;
}

/**
 * Read a fetch response body as UTF-8 text, drawing on `budget` chunk by chunk: a declared `Content-Length`
 * over what is left is refused before reading, a stream that outgrows it is cancelled. Memory stays bounded
 * whatever the other side sends. Throws `BodyTooLargeError` (with `limitBytes` for the message) or
 * `BodyNotUtf8Error`.
 */
export async function readCappedText(
  response: { headers: { get(name: string): string | null }; body: ReadableStream<Uint8Array> | null },
  budget: ByteBudget,
  limitBytes: number,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > budget.left) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limitBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    budget.left -= value.byteLength;
    if (budget.left < 0) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, bytes));
  } catch {
    throw new BodyNotUtf8Error();
  }
}
