/**
 * Every patient a line names, found by string search instead of `JSON.parse`: each `Patient/<id>"` in it.
 * The resource's own subject or patient reference is one of them, so a line whose ids are all out of scope
 * holds nothing for an in-scope patient. Undefined (unsure: parse it) when the line has JSON escapes that
 * could hide a reference (`\/`, `\u`), names no patient, or has a `Patient/` not followed by a plain id.
 */
const MARK = 'Patient/';
/** FHIR id characters (R4 `id`: [A-Za-z0-9\-\.]{1,64}). */
const isIdChar = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2e;

export function patientsNamedIn(text: string): string[] | undefined {
  if (text.includes('\\/') || text.includes('\\u')) return undefined;
  const ids: string[] = [];
  let at = text.indexOf(MARK);
  if (at < 0) return undefined;
  while (at >= 0) {
    const start = at + MARK.length;
    let end = start;
    while (end < text.length && end - start < 64 && isIdChar(text.charCodeAt(end))) end++;
    if (end === start || text.charCodeAt(end) !== 0x22) return undefined;
    const id = text.slice(start, end);
    if (!ids.includes(id)) ids.push(id);
    at = text.indexOf(MARK, end);
  }
  return ids;
}
