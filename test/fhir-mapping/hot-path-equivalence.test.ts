import fc from 'fast-check';
import { byDateAsc, byDateDesc, newest } from '../../src/fhir-mapping/dates.js';
import { DRUG_CATALOG, REGIMEN_NAMES } from '../../src/fhir-mapping/drug-catalog.js';
import { drugsInConcept } from '../../src/fhir-mapping/drugs.js';
import { referenceDrugScan } from './reference-drug-scan.js';

/**
 * The mapping's hot spots were made cheaper (dates parsed once per sort, one pass for `newest`, a substring
 * pre-test before the whole-word pattern). These properties hold the new code to the straightforward
 * definitions it replaced, on inputs chosen to hit the edge cases: ties, undated items, case, word boundaries.
 */

const undatedFirst = (a: string | undefined, b: string | undefined): number => {
  const ma = a === undefined ? NaN : Date.parse(a);
  const mb = b === undefined ? NaN : Date.parse(b);
  if (Number.isNaN(ma)) return Number.isNaN(mb) ? 0 : -1;
  if (Number.isNaN(mb)) return 1;
  return ma - mb;
};

interface Item {
  n: number;
  date: string | undefined;
}
const dateArb = fc.oneof(
  fc.constantFrom(undefined, 'not a date', '2024', '2024-03-01', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00+02:00'),
  fc.integer({ min: 0, max: 50 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString()),
);
const itemsArb = fc.array(dateArb, { maxLength: 30 }).map((dates) => dates.map((date, n): Item => ({ n, date })));
const dateOf = (i: Item) => i.date;

describe('date ordering', () => {
  it('byDateDesc and byDateAsc are the stable comparator sorts they replaced', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        expect(byDateDesc(items, dateOf)).toEqual([...items].sort((a, b) => undatedFirst(b.date, a.date)));
        expect(byDateAsc(items, dateOf)).toEqual([...items].sort((a, b) => undatedFirst(a.date, b.date)));
      }),
    );
  });

  it('newest is the first of byDateDesc: the earliest listed among the newest, else the first item', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        expect(newest(items, dateOf)).toBe(byDateDesc(items, dateOf)[0]);
      }),
    );
  });
});

describe('drug names in text', () => {
  const words = [...DRUG_CATALOG.flatMap((e) => e.names), ...Object.keys(REGIMEN_NAMES)];
  const piece = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...words).map((w) => w.toUpperCase()),
    fc.constantFrom(...words).map((w) => `x${w}`), // glued to a letter: not a whole word
    fc.constantFrom(...words).map((w) => `${w}2`),
    fc.constantFrom('5 MG/ML Injection', 'IV', 'mg', '', 'and', 'İ', 'ß', '\u212A', 'ſ'), // Kelvin sign and long s lower-case to ASCII
  );
  const textArb = fc.array(piece, { maxLength: 5 }).chain((pieces) =>
    fc.array(fc.constantFrom(' ', '/', '-', '+', ', ', '', '(', ')'), { minLength: pieces.length, maxLength: pieces.length }).map((seps) => pieces.map((p, i) => p + (seps[i] ?? '')).join('')),
  );

  // The reference is the plain scan drugsInConcept did before the substring pre-test.
  it('finds exactly the drugs the whole-word patterns alone find', () => {
    fc.assert(
      fc.property(textArb, textArb, (text, display) => {
        const concept = { text, coding: [{ display }] };
        expect(drugsInConcept(concept)).toEqual(referenceDrugScan(concept));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps whole-word and case-insensitive matching', () => {
    expect(drugsInConcept({ text: 'Oxaliplatin 5 MG/ML' }).map((m) => m.drug)).toEqual(['oxaliplatin']);
    expect(drugsInConcept({ text: 'levoleucovorin' }).map((m) => m.drug)).toEqual(['levoleucovorin']);
    // U+212A (Kelvin sign) is no letter to the pattern, though it lower-cases to 'k'.
    expect(drugsInConcept({ text: '\u212Afluorouracil' }).map((m) => m.drug)).toEqual(['fluorouracil']);
    expect(drugsInConcept({ text: 'mFOLFOX6' }).map((m) => m.matched)).toEqual(['text:mFOLFOX6', 'text:mFOLFOX6', 'text:mFOLFOX6']);
  });
});
