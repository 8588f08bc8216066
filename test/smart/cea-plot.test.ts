import type { CeaFacts } from '../../src/engine/facts/fact-types.js';
import { buildCeaPlot, niceStep } from '../../src/smart/cea-plot-model.js';
import { NOW, vignette } from './support.js';

describe('CEA trend plot geometry', () => {
  test('one point per CEA value, oldest first, with value, date and record', () => {
    const { facts: f } = vignette('V01');
    const plot = buildCeaPlot(f.cea, f.lines, NOW)!;
    expect(plot.points.map((p) => p.value)).toEqual([18.2, 27.5, 45]);
    expect(plot.points.map((p) => p.date)).toEqual(f.cea.values.map((v) => v.date.slice(0, 10)));
    expect(plot.points.map((p) => p.source)).toEqual(f.cea.values.map((v) => `Observation/${v.source.id}`));
  });

  test('later dates lie further right, higher values higher up, all inside the plot area', () => {
    const { facts: f } = vignette('V21');
    const plot = buildCeaPlot(f.cea, f.lines, NOW)!;
    const { area } = plot;
    for (const p of plot.points) {
      expect(p.x).toBeGreaterThanOrEqual(area.left);
      expect(p.x).toBeLessThanOrEqual(area.right);
      expect(p.y).toBeGreaterThanOrEqual(area.top);
      expect(p.y).toBeLessThanOrEqual(area.bottom);
    }
    const xs = plot.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const byValue = [...plot.points].sort((a, b) => a.value - b.value);
    expect(byValue.map((p) => p.y)).toEqual([...byValue.map((p) => p.y)].sort((a, b) => b - a));
  });

  test('marks the nadir and draws the upper normal on the same scale as the points', () => {
    const { facts: f } = vignette('V21');
    const plot = buildCeaPlot(f.cea, f.lines, NOW)!;
    expect(plot.points.filter((p) => p.nadir).map((p) => p.value)).toEqual([f.cea.nadir!.value]);
    expect(plot.upperNormal.value).toBe(f.cea.upperNormal);
    // The nadir of V21 equals the upper normal (5 ng/mL): same height.
    const nadir = plot.points.find((p) => p.nadir)!;
    expect(plot.upperNormal.y).toBeCloseTo(nadir.y, 0);
  });

  test('shades each treatment line from its start, labelled with the regimen', () => {
    const { facts: f } = vignette('V21');
    const plot = buildCeaPlot(f.cea, f.lines, NOW)!;
    expect(plot.bands).toHaveLength(1);
    const band = plot.bands[0]!;
    expect(band).toMatchObject({ label: 'L1 FOLFOX + bevacizumab', active: true });
    // The baseline value predates the line; the values on treatment fall inside the band.
    const [baseline, ...onTreatment] = plot.points;
    expect(baseline!.x).toBeLessThan(band.x);
    for (const p of onTreatment) expect(p.x).toBeGreaterThan(band.x);
  });

  test('y axis ticks start at zero and cover the highest value', () => {
    const { facts: f } = vignette('V01');
    const plot = buildCeaPlot(f.cea, f.lines, NOW)!;
    expect(plot.yTicks[0]!.label).toBe('0');
    expect(Number(plot.yTicks[plot.yTicks.length - 1]!.label)).toBeGreaterThanOrEqual(45);
    expect(plot.xTicks.length).toBeGreaterThan(0);
  });

  test('no CEA on file: no plot (the page shows the empty state)', () => {
    const { facts: f } = vignette('V04');
    expect(f.cea.values).toEqual([]);
    expect(buildCeaPlot(f.cea, f.lines, NOW)).toBeUndefined();
  });

  test('a single value still plots, inside a narrow side-panel width', () => {
    const { facts: f } = vignette('V01');
    const one: CeaFacts = { ...f.cea, values: f.cea.values.slice(0, 1) };
    const plot = buildCeaPlot(one, [], NOW, 360)!;
    expect(plot.width).toBe(360);
    expect(plot.points).toHaveLength(1);
    expect(plot.points[0]!.x).toBeGreaterThan(plot.area.left);
    expect(plot.points[0]!.x).toBeLessThan(plot.area.right);
  });

  test.each([
    [45, 5, 10],
    [9.5, 5, 2],
    [1200, 5, 250],
  ])('niceStep(%p, %p) = %p', (max, count, step) => {
    expect(niceStep(max, count)).toBe(step);
  });
});
