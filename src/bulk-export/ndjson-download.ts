import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { HttpAnswer } from '../fhir-client/http-get.js';
import { BulkExportError } from './errors.js';

/** What one downloaded file holds. */
export interface WrittenFile {
  bytes: number;
  /** Non-empty lines: resources, one per line. */
  lines: number;
}

const NEWLINE = 0x0a;
/** A final line without newline is kept to be judged; longer than this it is taken as not a whole resource. */
const MAX_TAIL_BYTES = 16 * 1024 * 1024;

/**
 * Stream an NDJSON body to `path` (through `path.part`, renamed when whole), never holding it in memory,
 * counting bytes and lines. A body is refused as truncated, and the partial file removed, when it is shorter
 * than its `Content-Length` (identity encoding; a compressed body that stops short fails to decompress), when
 * the connection drops mid-body, or when it ends in a partial line (the last line, without newline, is not JSON).
 */
export async function writeNdjson(answer: HttpAnswer, path: string, label: string, onBytes: (n: number) => void): Promise<WrittenFile> {
  const encoding = (answer.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const declared = encoding === 'identity' ? Number(answer.headers.get('content-length') ?? Number.NaN) : Number.NaN;
  const part = `${path}.part`;
  const out = createWriteStream(part, { flags: 'wx' });
  let bytes = 0;
  let lines = 0;
  // Bytes since the last newline: only their emptiness matters until the end, so only the tail is kept.
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let tailBlank = true;
  let reading = true;
  try {
    const reader = answer.body?.getReader();
    for (;;) {
      reading = true;
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      reading = false;
      if (chunk.done) {
        reading = false;
        break;
      }
      const buf = Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength);
      bytes += buf.byteLength;
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
        if (!(tailBlank && isBlank(buf, start, nl))) lines += 1;
        tail = [];
        tailBytes = 0;
        tailBlank = true;
        start = nl + 1;
      }
      if (start < buf.byteLength) {
        tailBlank &&= isBlank(buf, start, buf.byteLength);
        if (tailBytes <= MAX_TAIL_BYTES) tail.push(buf.subarray(start));
        tailBytes += buf.byteLength - start;
      }
      if (!out.write(buf)) await once(out, 'drain');
      onBytes(buf.byteLength);
    }
    if (Number.isFinite(declared) && bytes < declared) {
      throw new BulkExportError('truncated', `${label} came truncated: ${bytes} of ${declared} bytes`);
    }
    if (!tailBlank) {
      // The last line has no newline: a whole resource is fine (the format allows it), a partial one is not.
      if (tailBytes > MAX_TAIL_BYTES || !isJsonObject(Buffer.concat(tail).toString('utf8'))) {
        throw new BulkExportError('truncated', `${label} ends in a partial line (${tailBytes} bytes after the last newline that are not a whole resource)`);
      }
      lines += 1;
    }
    out.end();
    await once(out, 'finish');
    await rename(part, path);
    return { bytes, lines };
  } catch (err) {
    // Wait for the file to be closed (its open may still be pending), so nothing recreates it after the removal.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await rm(part, { force: true });
    if (err instanceof BulkExportError) throw err;
    if (reading) throw new BulkExportError('truncated', `${label} stopped before its end (the connection dropped or the body is corrupt)`);
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new BulkExportError('out-dir', `${label} could not be written to ${path} (${code})`);
  }
}

function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
