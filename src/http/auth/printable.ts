/**
 * Values taken from a refused token (kid, iss, alg, jti, ...) as they may appear in a message: printable
 * ASCII only (anything else written as `\u{...}`) and at most `max` characters, so a reason is always a valid
 * HTTP header value and a log line stays short whatever the token holds.
 */
export function printable(value: unknown, max = 64): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count === max) return `${out}...`;
    const code = ch.codePointAt(0)!;
    out += code >= 0x20 && code <= 0x7e ? ch : `\\u{${code.toString(16)}}`;
    count += 1;
  }
  return out;
}

/**
 * An RFC 9110 quoted-string for a header parameter: printable ASCII only (anything else becomes `?`), `"` and
 * `\` escaped with a backslash, at most `max` characters before escaping.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-quoted-strings
 */
export function quotedString(text: string, max = 300): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
  return `"${ascii.replace(/["\\]/g, '\\$&')}"`;
}
