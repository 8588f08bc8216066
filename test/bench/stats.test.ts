import { fmt, median, percentile, sequentialRounds, summarise } from '../../bench/stats.js';

describe('percentile (nearest rank)', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it.each([
    [50, 5],
    [90, 9],
    [99, 10],
    [100, 10],
    [1, 1],
    [10, 1],
    [11, 2],
  ])('p%d of 1..10 is %d', (p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });

  it('is a measured value, never an interpolation', () => {
    expect(percentile([1, 100], 50)).toBe(1);
    expect(percentile([1, 100], 51)).toBe(100);
  });

  it('is NaN for no data and refuses a percentile outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(sorted, 0)).toThrow(RangeError);
    expect(() => percentile(sorted, 101)).toThrow(RangeError);
  });
});

describe('summarise and median', () => {
  it('sorts before taking percentiles', () => {
    const sample = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 .. 1, unsorted
    expect(summarise(sample)).toEqual({ count: 200, p50: 100, p99: 198, max: 200 });
    expect(median([3, 1, 2])).toBe(2);
  });

  it('reports an empty sample as NaN, not zero', () => {
    const empty = summarise([]);
    expect(empty.count).toBe(0);
    expect(empty.p50).toBeNaN();
    expect(empty.max).toBeNaN();
  });
});

describe('sequentialRounds', () => {
  it('counts calls issued together as one round, however long they overlap', () => {
    const parallel = [
      { start: 0, end: 5 },
      { start: 0.1, end: 2 },
      { start: 0.2, end: 9 },
    ];
    expect(sequentialRounds(parallel)).toBe(1);
  });

  it('counts a call made after another answered as a further round', () => {
    const chain = [
      { start: 0, end: 2 },
      { start: 0.1, end: 3 },
      { start: 2.5, end: 4 }, // issued after the first answered
      { start: 4.5, end: 6 }, // and after that one: a chain of three
    ];
    expect(sequentialRounds(chain)).toBe(3);
    expect(sequentialRounds([...chain].reverse())).toBe(3);
  });

  it('is 0 for no calls', () => {
    expect(sequentialRounds([])).toBe(0);
  });
});

describe('fmt', () => {
  it('prints fixed decimals, and a dash for what was not measured', () => {
    expect(fmt(1.234, 2)).toBe('1.23');
    expect(fmt(1000.4, 0)).toBe('1000');
    expect(fmt(NaN)).toBe('—');
    expect(fmt(undefined)).toBe('—');
  });
});
