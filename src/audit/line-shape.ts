/**
 * What a line is, judged without parsing it: blank (allowed between resources), a complete JSON object by its
 * ends, or broken (a truncated download ends mid-object). Lines skipped unparsed are checked this far only.
 */
export type LineShape = 'blank' | 'object' | 'broken';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d;

export function lineShape(text: string): LineShape {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isSpace(text.charCodeAt(start))) start++;
  while (end >= start && isSpace(text.charCodeAt(end))) end--;
  if (start > end) return 'blank';
  return text.charCodeAt(start) === 0x7b && text.charCodeAt(end) === 0x7d ? 'object' : 'broken';
}
