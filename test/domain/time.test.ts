import fc from 'fast-check';
import { commonDateMs, isoMs } from '../../src/domain/time.js';
import { calendarSweep } from '../support/calendar-sweep.js';

/** `isoMs` is the engine's and the mapper's `Date.parse`: the same answer for every string, faster for the common ones. */
describe('isoMs', () => {
  it('reads every day of the calendar as Date.parse does, by arithmetic', () => {
    const sweep = calendarSweep();
    expect(sweep.filter((s) => Number.isNaN(commonDateMs(s)))).toEqual([]);
    expect(sweep.filter((s) => isoMs(s) !== Date.parse(s))).toEqual([]);
  });

  it('leaves every other shape to Date.parse, NaN included', () => {
    const odd = [
      '', '2024', '2024-03', '2024-03-01T10:00', '2024-03-01T10:00:00', '2024-03-01T24:00:00Z', '0099-03-01',
      '+002024-03-01T00:00:00Z', '2024-02-30', '2024-13-01', '2024-03-01T10:00:00.Z', '2024-03-01T10:00:00+0100',
      '2024-03-01 10:00:00Z', 'March 1, 2024', 'not a date', '2024-03-01T10:00:00.123456789-05:30',
    ];
    for (const s of odd) expect(Object.is(isoMs(s), Date.parse(s))).toBe(true);
    expect(commonDateMs('2024-03-01T10:00')).toBeNaN();
  });

  it('agrees with Date.parse on random strings shaped like dates', () => {
    const digit = fc.constantFrom(...'0123456789');
    const glyph = fc.oneof(digit, digit, digit, fc.constantFrom('-', ':', 'T', 'Z', '+', '.', ' ', 'x'));
    fc.assert(
      fc.property(fc.array(glyph, { maxLength: 30 }).map((g) => g.join('')), (s) => Object.is(isoMs(s), Date.parse(s))),
      { numRuns: 5000 },
    );
  });

  it('agrees with Date.parse on date-times built from random, sometimes out-of-range, parts', () => {
    const n = (max: number, w: number) => fc.integer({ min: 0, max }).map((x) => String(x).padStart(w, '0'));
    const offset = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), n(25, 2), n(61, 2)).map(([s, h, m]) => `${s}${h}:${m}`), fc.constant(''));
    const fraction = fc.oneof(fc.constant(''), fc.array(fc.constantFrom(...'0123456789'), { minLength: 0, maxLength: 9 }).map((d) => `.${d.join('')}`));
    const dateTime = fc
      .tuple(n(9999, 4), n(13, 2), n(32, 2), fc.boolean(), n(25, 2), n(61, 2), n(61, 2), fraction, offset)
      .map(([y, mo, d, withTime, h, mi, se, f, o]) => (withTime ? `${y}-${mo}-${d}T${h}:${mi}:${se}${f}${o}` : `${y}-${mo}-${d}`));
    fc.assert(fc.property(dateTime, (s) => Object.is(isoMs(s), Date.parse(s))), { numRuns: 20000 });
  });
});
