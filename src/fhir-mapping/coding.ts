import { HGNC_SYSTEMS, ICD10_SYSTEMS, SYSTEM } from './codes.js';
import { type Json, obj, objs, objsLenient, str } from './json.js';

/**
 * Coding matchers. Matching is on (system, code) pairs; ICD-10 accepts both the -CM and the WHO system and
 * compares codes without dots; HGNC accepts `HGNC:6407` and `6407`, and both HGNC system spellings.
 */

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

/** The codings of a CodeableConcept (or of a bare Coding, or of an array of CodeableConcepts). */
export function codingsOf(v: unknown): Coding[] {
  const out: Coding[] = [];
  for (const cc of objsLenient(v)) {
    const list = Array.isArray(cc.coding) ? objs(cc.coding) : 'code' in cc ? [cc] : [];
    for (const c of list) {
      const code = str(c.code);
      if (code === undefined) continue;
      // Members set one by one (absent ones omitted): this runs for every coding the mapper looks at.
      const coding: Coding = { code };
      const system = str(c.system);
      if (system !== undefined) coding.system = system;
      const display = str(c.display);
      if (display !== undefined) coding.display = display;
      out.push(coding);
    }
  }
  return out;
}

/** Human text of a CodeableConcept: `text` and every coding's display. */
export function textsOf(v: unknown): string[] {
  const out: string[] = [];
  for (const cc of objsLenient(v)) {
    const text = str(cc.text);
    if (text !== undefined) out.push(text);
    for (const c of objsLenient(cc.coding)) {
      const display = str(c.display);
      if (display !== undefined) out.push(display);
    }
    if (!Array.isArray(cc.coding) && str(cc.display) !== undefined) out.push(cc.display as string);
  }
  return out;
}

export function normalizeIcd10(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

export function normalizeHgnc(code: string): string {
  return code.replace(/^HGNC:/i, '').trim();
}

function systemsFor(system: string): readonly string[] {
  if ((ICD10_SYSTEMS as readonly string[]).includes(system)) return ICD10_SYSTEMS;
  if ((HGNC_SYSTEMS as readonly string[]).includes(system)) return HGNC_SYSTEMS;
  return [system];
}

function normalizerFor(system: string): (c: string) => string {
  if ((ICD10_SYSTEMS as readonly string[]).includes(system)) return normalizeIcd10;
  if ((HGNC_SYSTEMS as readonly string[]).includes(system)) return normalizeHgnc;
  return (c) => c.trim();
}

/** The first coding in `system` (or its equivalents) whose code is in `codes`. */
export function findCoding(v: unknown, system: string, codes: readonly string[]): Coding | undefined {
  const systems = systemsFor(system);
  const norm = normalizerFor(system);
  const wanted = new Set(codes.map(norm));
  return codingsOf(v).find((c) => c.system !== undefined && systems.includes(c.system) && wanted.has(norm(c.code)));
}

export function hasCoding(v: unknown, system: string, codes: readonly string[]): boolean {
  return findCoding(v, system, codes) !== undefined;
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
export function extensionsOf(r: Json | undefined, url: string): Json[] {
  return objs(obj(r)?.extension).filter((e) => str(e.url) === url);
}
