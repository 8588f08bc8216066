import fc from 'fast-check';
import type { CeaValue } from '../../src/domain/case.js';
import type { CeaFacts, LineFact } from '../../src/engine/facts/fact-types.js';
import { buildCeaPlot } from '../../src/smart/cea-plot-model.js';
import { overlaps, placeLabels, textBox } from '../../src/smart/plot-labels.js';
import { DAY_MS } from '../../src/domain/time.js';
import { NOW, vignette } from './support.js';

/**
 * The CEA plot's texts never collide: for any series (one value or many, flat or steep, close or far apart in
 * time, nadir at the upper normal, any number of treatment lines) and any width, no two label boxes overlap
 * and every label lies inside the drawing.
 */
const collisions = (plot: NonNullable<ReturnType<typeof buildCeaPlot>>) => {
  const out: string[] = [];
  plot.labels.forEach((a, i) =>
    plot.labels.slice(i + 1).forEach((b) => {
      if (overlaps(a.box, b.box)) out.push(`"${a.text}" (${a.kind}) overlaps "${b.text}" (${b.kind})`);
    }),
  );
  return out;
};
const outside = (plot: NonNullable<ReturnType<typeof buildCeaPlot>>) =>
  plot.labels.filter((l) => l.box.x < 0 || l.box.y < 0 || l.box.x + l.box.width > plot.width || l.box.y + l.box.height > plot.height).map((l) => l.text);

const iso = (ms: number) => new Date(ms).toISOString();

/** A CEA series as the mapper makes it: values oldest first, nadir the lowest (first of equals), latest the last. */
function series(raw: { days: number; value: number; below: boolean }[], upperNormal: number): CeaFacts {
  const sorted = [...raw].sort((a, b) => b.days - a.days);
  const values: CeaValue[] = sorted.map((r, i) => ({
    value: r.value,
    belowDetection: r.below,
    date: iso(NOW.getTime() - r.days * DAY_MS),
    source: { resourceType: 'Observation', id: `cea-${i}` },
  }));
  const nadir = values.reduce<CeaValue | undefined>((m, v) => (m === undefined || v.value < m.value ? v : m), undefined);
  const latest = values[values.length - 1];
  return { values, upperNormal, ...(nadir ? { nadir } : {}), ...(latest ? { latest } : {}), trend: 'stable', rising: false, response: false };
}

const valueArb = fc.record({
  days: fc.integer({ min: 0, max: 5 * 365 }),
  value: fc.oneof(fc.double({ min: 0.1, max: 2000, noNaN: true }).map((v) => Math.round(v * 10) / 10), fc.constantFrom(2.5, 5, 18, 5.1)),
  below: fc.boolean(),
});
const lineArb = fc.record({
  startDays: fc.integer({ min: 0, max: 5 * 365 }),
  lengthDays: fc.integer({ min: 0, max: 600 }),
  regimen: fc.constantFrom('FOLFOX', 'FOLFIRI', 'CAPOX', 'FOLFOXIRI', 'other'),
  extras: fc.subarray(['bevacizumab', 'cetuximab', 'panitumumab'] as const, { maxLength: 2 }),
  active: fc.boolean(),
});

function lines(raw: { startDays: number; lengthDays: number; regimen: string; extras: readonly string[]; active: boolean }[]): LineFact[] {
  return raw.map((l, i) => ({
    number: i + 1,
    regimen: l.regimen as LineFact['regimen'],
    drugs: ['fluorouracil', 'oxaliplatin', ...l.extras] as LineFact['drugs'],
    start: iso(NOW.getTime() - l.startDays * DAY_MS),
    lastGiven: iso(NOW.getTime() - Math.max(0, l.startDays - l.lengthDays) * DAY_MS),
    activeRecord: l.active,
    active: l.active,
  }));
}

test('no two labels overlap and none leaves the drawing, for any series, lines and width', () => {
  fc.assert(
    fc.property(
      fc.array(valueArb, { minLength: 1, maxLength: 40 }),
      fc.constantFrom(3, 5, 10),
      fc.array(lineArb, { maxLength: 5 }),
      fc.integer({ min: 200, max: 1400 }),
      (values, uln, ls, width) => {
        const plot = buildCeaPlot(series(values, uln), lines(ls), NOW, width)!;
        expect(collisions(plot)).toEqual([]);
        expect(outside(plot)).toEqual([]);
      },
    ),
    { numRuns: 600 },
  );
});

test('V22: the nadir (18) sits just above the upper normal (5) and both labels show, apart', () => {
  const { facts: f } = vignette('V22');
  for (const width of [360, 420, 640, 900]) {
    const plot = buildCeaPlot(f.cea, f.lines, NOW, width)!;
    const nadir = plot.labels.find((l) => l.kind === 'nadir');
    const uln = plot.labels.find((l) => l.kind === 'uln');
    expect([nadir?.text, uln?.text]).toEqual([`nadir ${f.cea.nadir!.value}`, `upper normal ${f.cea.upperNormal}`]);
    expect(overlaps(nadir!.box, uln!.box)).toBe(false);
    expect(collisions(plot)).toEqual([]);
  }
});

test('every vignette with CEA values: all labels placed apart; the nadir and the upper normal are shown', () => {
  for (const id of ['V01', 'V05', 'V10', 'V11', 'V12', 'V21', 'V22', 'V22b', 'V23', 'V24']) {
    const { facts: f } = vignette(id);
    const plot = buildCeaPlot(f.cea, f.lines, NOW, 420);
    if (!plot) continue;
    expect({ id, collisions: collisions(plot) }).toEqual({ id, collisions: [] });
    expect(plot.labels.map((l) => l.kind)).toEqual(expect.arrayContaining(['unit', 'uln', 'y-tick', 'x-tick']));
    if (f.cea.nadir) expect(plot.labels.some((l) => l.kind === 'nadir')).toBe(true);
  }
});

test('several short lines side by side: band labels fall back to the second row or to "L<n>", never overlap', () => {
  const raw = [0, 1, 2, 3].map((i) => ({ startDays: 400 - i * 60, lengthDays: 50, regimen: 'FOLFOXIRI', extras: ['bevacizumab'] as const, active: i === 3 }));
  const plot = buildCeaPlot(series([{ days: 420, value: 40, below: false }, { days: 10, value: 12, below: false }], 5), lines(raw), NOW, 420)!;
  const bands = plot.labels.filter((l) => l.kind === 'band');
  expect(bands.length).toBe(4);
  expect(bands.some((b) => b.fullText !== undefined || b.y !== bands[0]!.y)).toBe(true);
  for (const b of bands.filter((x) => x.fullText)) expect(b.text).toMatch(/^L\d$/);
  expect(collisions(plot)).toEqual([]);
});

describe('placeLabels', () => {
  const bounds = { x: 0, y: 0, width: 200, height: 100 };

  test('a label takes the first free candidate; one with no free place is left out', () => {
    const placed = placeLabels(
      [
        { kind: 'a', text: 'first', candidates: [{ x: 10, y: 20, anchor: 'start' }] },
        { kind: 'b', text: 'second', candidates: [{ x: 12, y: 22, anchor: 'start' }, { x: 10, y: 60, anchor: 'start' }] },
        { kind: 'c', text: 'third', candidates: [{ x: 10, y: 20, anchor: 'start' }] },
      ],
      bounds,
    );
    expect(placed.map((p) => [p.kind, p.y])).toEqual([['a', 20], ['b', 60]]);
  });

  test('a place clear of the data points is preferred when there is one', () => {
    const point = { x: 8, y: 8, width: 12, height: 12 };
    const [p] = placeLabels([{ kind: 'a', text: 'x', candidates: [{ x: 10, y: 18, anchor: 'start' }, { x: 10, y: 60, anchor: 'start' }] }], bounds, [point]);
    expect(p?.y).toBe(60);
    const [q] = placeLabels([{ kind: 'a', text: 'x', candidates: [{ x: 10, y: 18, anchor: 'start' }] }], bounds, [point]);
    expect(q?.y).toBe(18);
  });

  test('text boxes follow the anchor', () => {
    const start = textBox('abc', 50, 20, 'start');
    const end = textBox('abc', 50, 20, 'end');
    const middle = textBox('abc', 50, 20, 'middle');
    expect(start.x).toBe(50);
    expect(end.x + end.width).toBe(50);
    expect(middle.x + middle.width / 2).toBe(50);
  });
});
