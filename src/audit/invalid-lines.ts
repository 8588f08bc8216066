import type { BulkFile } from './bulk-files.js';

/** A line that could not be read as a FHIR resource: reported with its place, never dropped silently. */
export interface InvalidLine {
  file: string;
  line: number;
  reason: 'truncated or not a JSON object' | 'invalid JSON' | 'not a FHIR resource' | 'unreadable file';
}

/** At most this many invalid lines are listed one by one (all are counted). */
export const MAX_LISTED_INVALID = 1000;

/** Parse one line; a broken one is recorded in `invalid` and gives undefined. */
export function parseResource(text: string, file: BulkFile, line: number, invalid: InvalidLines): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalid.add({ file: file.name, line, reason: text.trimEnd().endsWith('}') ? 'invalid JSON' : 'truncated or not a JSON object' });
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { resourceType?: unknown }).resourceType !== 'string') {
    invalid.add({ file: file.name, line, reason: 'not a FHIR resource' });
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** Invalid lines seen, deduplicated by place (more than one pass may read the same line). */
export class InvalidLines {
  private readonly byPlace = new Map<string, InvalidLine>();
  private extra = 0;
  add(l: InvalidLine): void {
    const key = `${l.file}:${l.line}`;
    if (this.byPlace.has(key)) return;
    if (this.byPlace.size >= MAX_LISTED_INVALID) {
      this.extra++;
      return;
    }
    this.byPlace.set(key, l);
  }
  addAll(ls: readonly InvalidLine[], extra = 0): void {
    for (const l of ls) this.add(l);
    this.extra += extra;
  }
  get listed(): InvalidLine[] {
    return [...this.byPlace.values()].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  }
  get unlisted(): number {
    return this.extra;
  }
  get count(): number {
    return this.byPlace.size + this.extra;
  }
}
