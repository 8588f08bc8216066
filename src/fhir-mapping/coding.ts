import { HGNC_SYSTEMS, ICD10_SYSTEMS, SYSTEM } from './codes.js';
import { type Json, isObj, obj, objs, str } from './json.js';

/**
 * Coding matchers. Matching is on (system, code) pairs; ICD-10 accepts both the -CM and the WHO system and
 * compares codes without dots; HGNC accepts `HGNC:6407` and `6407`, and both HGNC system spellings.
 */

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

/**
 * Member `i` of `v` read as `objsLenient` reads it (a lone object counts as one member; a non-object member of
 * an array reads as absent), by index: these readers run on nearly every field of every resource, and `for...of`
 * over a fresh one-element array allocated an array and iterator results on each call.
 */
function lenientAt(v: unknown, i: number): Json | undefined {
  if (!Array.isArray(v)) return i === 0 && isObj(v) ? v : undefined;
  const member: unknown = v[i];
  return isObj(member) ? member : undefined;
}

/** How many members `lenientAt` can be asked for. */
function lenientCount(v: unknown): number {
  return Array.isArray(v) ? v.length : isObj(v) ? 1 : 0;
}

/**
 * Every raw coding of `v` that has a code, in reading order (a CodeableConcept's `coding[]`, or a bare Coding),
 * until `visit` returns true; whether it did.
 */
function walkCodings(v: unknown, visit: (raw: Json, code: string) => boolean): boolean {
  for (let i = 0, n = lenientCount(v); i < n; i++) {
    const cc = lenientAt(v, i);
    if (cc === undefined) continue;
    const list = cc.coding;
    if (!Array.isArray(list)) {
      const code = 'code' in cc ? str(cc.code) : undefined;
      if (code !== undefined && visit(cc, code)) return true;
      continue;
    }
    for (let k = 0; k < list.length; k++) {
      const c: unknown = list[k];
      const code = isObj(c) ? str(c.code) : undefined;
      if (code !== undefined && visit(c as Json, code)) return true;
    }
  }
  return false;
}

/** The codings of a CodeableConcept (or of a bare Coding, or of an array of CodeableConcepts). */
export function codingsOf(v: unknown): Coding[] {
  const out: Coding[] = [];
  walkCodings(v, (raw, code) => {
    out.push(toCoding(raw, code));
    return false;
  });
  return out;
}

/**
 * Whether some coding of `v`, in `codingsOf`'s reading (same codings, same order), passes `test`: without
 * building a Coding for each, for the many checks that only ask.
 */
export function someCoding(v: unknown, test: (system: string | undefined, code: string) => boolean): boolean {
  return walkCodings(v, (raw, code) => test(str(raw.system), code));
}

/** Human text of a CodeableConcept: `text` and every coding's display. */
export function textsOf(v: unknown): string[] {
  const out: string[] = [];
  for (let i = 0, n = lenientCount(v); i < n; i++) {
    const cc = lenientAt(v, i);
    if (cc === undefined) continue;
    const text = str(cc.text);
    if (text !== undefined) out.push(text);
    const list = cc.coding;
    for (let k = 0, m = lenientCount(list); k < m; k++) {
      const display = str(lenientAt(list, k)?.display);
      if (display !== undefined) out.push(display);
    }
    if (!Array.isArray(list) && str(cc.display) !== undefined) out.push(cc.display as string);
  }
  return out;
}

export function normalizeIcd10(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

export function normalizeHgnc(code: string): string {
  return code.replace(/^HGNC:/i, '').trim();
}

/** How codes of a system compare: ICD-10 without dots, HGNC without its `HGNC:` prefix, any other trimmed. */
type CodeNorm = 'icd10' | 'hgnc' | 'plain';

/** The systems with equivalents; every other system is `plain` and only equal to itself. */
const NORM_OF_SYSTEM = new Map<string, CodeNorm>([
  ...ICD10_SYSTEMS.map((s) => [s, 'icd10'] as const),
  ...HGNC_SYSTEMS.map((s) => [s, 'hgnc'] as const),
]);

function normOf(system: string): CodeNorm {
  return NORM_OF_SYSTEM.get(system) ?? 'plain';
}

function normalize(norm: CodeNorm, code: string): string {
  return norm === 'icd10' ? normalizeIcd10(code) : norm === 'hgnc' ? normalizeHgnc(code) : code.trim();
}

/** The `Coding` of one raw coding (`code` already checked). Members set one by one, absent ones omitted. */
function toCoding(raw: Json, code: string): Coding {
  const coding: Coding = { code };
  const system = str(raw.system);
  if (system !== undefined) coding.system = system;
  const display = str(raw.display);
  if (display !== undefined) coding.display = display;
  return coding;
}

/**
 * One raw coding against (`system` and its equivalents, `codes`): the same test as on `codingsOf`'s output,
 * without building it first. Most codings are of another system, so that is decided first, and without
 * normalising anything.
 */
function matchRaw(raw: Json, system: string, norm: CodeNorm, codes: readonly string[]): Coding | undefined {
  const rawSystem = raw.system;
  if (rawSystem !== system && (norm === 'plain' || typeof rawSystem !== 'string' || NORM_OF_SYSTEM.get(rawSystem) !== norm)) return undefined;
  const code = str(raw.code);
  if (code === undefined) return undefined;
  const normalized = normalize(norm, code);
  for (const wanted of codes) if (normalize(norm, wanted) === normalized) return toCoding(raw, code);
  return undefined;
}

/** One CodeableConcept (or bare Coding), in `codingsOf` order. */
function matchConcept(cc: Json, system: string, norm: CodeNorm, codes: readonly string[]): Coding | undefined {
  const list = cc.coding;
  if (!Array.isArray(list)) return 'code' in cc ? matchRaw(cc, system, norm, codes) : undefined;
  for (let i = 0; i < list.length; i++) {
    const raw: unknown = list[i];
    const hit = isObj(raw) ? matchRaw(raw, system, norm, codes) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The first coding in `system` (or its equivalents) whose code is in `codes`. Same answer as scanning
 * `codingsOf(v)`, but walks the raw JSON: this runs for nearly every resource, several times, and building
 * every Coding (and a Set of the wanted codes) on each call was the mapper's largest single cost.
 */
export function findCoding(v: unknown, system: string, codes: readonly string[]): Coding | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const norm = normOf(system);
  if (!Array.isArray(v)) return matchConcept(v as Json, system, norm, codes);
  for (const cc of v) {
    const hit = isObj(cc) ? matchConcept(cc, system, norm, codes) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** ICD-10 coding whose (dotless) code starts with one of `prefixes`. */
export function findIcd10Prefix(v: unknown, prefixes: readonly string[]): Coding | undefined {
  return codingsOf(v).find(
    (c) => c.system !== undefined && (ICD10_SYSTEMS as readonly string[]).includes(c.system) &&
      prefixes.some((p) => normalizeIcd10(c.code).startsWith(p)),
  );
}

export function findConcept(v: unknown, codes: readonly string[]): Coding | undefined {
  return findCoding(v, SYSTEM.concept, codes);
}

/** `system|code` for provenance. */
export function matchedOf(c: Coding | undefined): string | undefined {
  return c === undefined ? undefined : `${c.system ?? ''}|${c.code}`;
}

/** Codes of a status-like CodeableConcept (Condition.clinicalStatus...), any system. */
export function statusCodes(v: unknown): string[] {
  return codingsOf(v).map((c) => c.code.toLowerCase());
}

/**
 * Compiled whole-word patterns. The words are the drug catalogue's names (a fixed set), and building the
 * RegExp was most of the mapping time of a record with many medications.
 */
const wordPatterns = new Map<string, RegExp>();

/** Case-insensitive whole-word test (word = letters/digits; `-`, `/`, space are boundaries). */
export function containsWord(text: string, word: string): boolean {
  let pattern = wordPatterns.get(word);
  if (pattern === undefined) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`, 'i'); // no g flag: test() keeps no state
    wordPatterns.set(word, pattern);
  }
  return pattern.test(text);
}

/** Every extension (top level) with this url. */
export function extensionsOf(r: Json | undefined, url: string): readonly Json[] {
  const all = objs(obj(r)?.extension);
  // Asked of every medication record and order: most have no extension at all, so nothing is allocated then.
  return all.length === 0 ? all : all.filter((e) => str(e.url) === url);
}
