/**
 * Defensive readers for untrusted FHIR JSON. The mapper never trusts a shape: a field that is the wrong type
 * reads as absent, so malformed input degrades to "unknown" instead of throwing.
 */

export type Json = Record<string, unknown>;

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Json | undefined {
  return isObj(v) ? v : undefined;
}

const NONE: readonly Json[] = Object.freeze([]);

/**
 * An array's object members; anything else (a single object included) reads as empty. Read-only: an array of
 * objects only (nearly always) is handed back as it is, and an absent field as one shared empty array, so that
 * the readers, which call this on every field of every resource, allocate nothing for it.
 */
export function objs(v: unknown): readonly Json[] {
  if (!Array.isArray(v)) return NONE;
  for (let i = 0; i < v.length; i++) if (!isObj(v[i])) return v.filter(isObj);
  return v as Json[];
}

/** Like `objs`, but a lone object where an array was expected counts as a one-element array (common mistake). */
export function objsLenient(v: unknown): readonly Json[] {
  return isObj(v) ? [v] : objs(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** `resource.resourceType` when it is a string. */
export function typeOf(v: unknown): string | undefined {
  return isObj(v) ? str(v.resourceType) : undefined;
}
