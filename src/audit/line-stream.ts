import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { BulkFile } from './bulk-files.js';

export interface Line {
  text: string;
  /** 1-based, as an editor shows it. */
  number: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** One line as bytes: `buf[start..end)` without its line end, valid until the next line is asked for. */
export interface LineBytes {
  buf: Buffer;
  start: number;
  end: number;
  number: number;
}

/**
 * The lines of one NDJSON file as byte ranges, streamed (gzip decompressed on the way): only one chunk is in
 * memory at a time, and a line is decoded only by whoever needs its text (pass 2 passes over most lines
 * without decoding them). A read that fails part-way goes to `onFailure` (the line it failed at) and ends
 * the file. `onBytes` gets the file bytes read (compressed bytes for gzip), for progress.
 */
export async function* readLineBytes(
  file: Pick<BulkFile, 'path' | 'gzip'>,
  onBytes?: (n: number) => void,
  onFailure: (line: number, message: string) => void = (_l, m) => {
    throw new Error(m);
  },
): AsyncGenerator<LineBytes> {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
  const input = file.gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  // A corrupt gzip stream fails the gunzip, not the file stream: both end the read with an error.
  if (file.gzip) raw.on('error', (e) => input.destroy(e));
  let number = 0;
  let rest: Buffer | undefined;
  const slice: LineBytes = { buf: Buffer.alloc(0), start: 0, end: 0, number: 0 };
  const line = (buf: Buffer, start: number, end: number): LineBytes => {
    slice.buf = buf;
    slice.start = start;
    slice.end = end > start && buf[end - 1] === CR ? end - 1 : end;
    slice.number = ++number;
    return slice;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let buf = chunk;
      let start = 0;
      let nl = buf.indexOf(LF);
      if (rest !== undefined && nl >= 0) {
        // The line begun in the previous chunk ends here.
        buf = Buffer.concat([rest, chunk]);
        nl += rest.length;
        rest = undefined;
      } else if (rest !== undefined) {
        rest = Buffer.concat([rest, chunk]);
        continue;
      }
      while (nl >= 0) {
        yield line(buf, start, nl);
        start = nl + 1;
        nl = buf.indexOf(LF, start);
      }
      if (start < buf.length) rest = Buffer.from(buf.subarray(start));
    }
    if (rest !== undefined && rest.length > 0) yield line(rest, 0, rest.length);
  } catch (e) {
    // A file that stops being readable (a cut gzip stream, an I/O error): what was read stands, the rest is reported.
    onFailure(number + 1, (e as Error).message);
  } finally {
    raw.destroy();
  }
}

export const lineText = (l: LineBytes): string => l.buf.toString('utf8', l.start, l.end);

/** The lines of one NDJSON file as text (see `readLineBytes`). */
export async function* readLines(
  file: Pick<BulkFile, 'path' | 'gzip'>,
  onBytes?: (n: number) => void,
  onFailure?: (line: number, message: string) => void,
): AsyncGenerator<Line> {
  for await (const l of readLineBytes(file, onBytes, onFailure)) yield { text: lineText(l), number: l.number };
}
