import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { BulkFile } from './bulk-files.js';

export interface Line {
  text: string;
  /** 1-based, as an editor shows it. */
  number: number;
}

/**
 * The lines of one NDJSON file, streamed (gzip decompressed on the way): only one chunk is in memory at a
 * time. A read that fails part-way goes to `onFailure` (the line it failed at). `onBytes` gets the file bytes read (compressed bytes for gzip), for progress.
 */
export async function* readLines(
  file: Pick<BulkFile, 'path' | 'gzip'>,
  onBytes?: (n: number) => void,
  onFailure: (line: number, message: string) => void = (_l, m) => {
    throw new Error(m);
  },
): AsyncGenerator<Line> {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
  const input = file.gzip ? raw.pipe(createGunzip()) : raw;
  // A corrupt gzip stream fails the gunzip, not the file stream: both end the read with an error.
  if (file.gzip) raw.on('error', (e) => input.destroy(e));
  const rl = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const text of rl) {
      number++;
      yield { text, number };
    }
  } catch (e) {
    // A file that stops being readable (a cut gzip stream, an I/O error): what was read stands, the rest is reported.
    onFailure(number + 1, (e as Error).message);
  } finally {
    rl.close();
    raw.destroy();
  }
}
