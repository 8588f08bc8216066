import { attributeTail, type TimedCall } from '../../bench/tail.js';

/** `n` calls one after another, each `ms` long, from `from` on. */
const calls = (from: number, n: number, ms: number): TimedCall[] => Array.from({ length: n }, (_, i) => ({ start: from + i * ms, end: from + (i + 1) * ms }));

describe('attributeTail', () => {
  // 95 calls of 5 ms, then 5 slow ones of 20 ms (the slowest 5%).
  const window = [...calls(0, 95, 5), ...calls(475, 5, 20)];

  it('finds GC behind a tail made of GC pauses', () => {
    // A 12 ms pause inside each slow call; one 1 ms pause in a fast call.
    const pauses = [...[0, 1, 2, 3, 4].map((i) => ({ start: 475 + i * 20 + 4, ms: 12 })), { start: 1, ms: 1 }];
    const t = attributeTail(window, pauses);
    expect(t).toMatchObject({ calls: 100, slowCalls: 5, medianMs: 5, slowMedianMs: 20, slowWithGc: 5, gcMsPerSlowCall: 12 });
    expect(t.fastWithGc).toBe(0); // no call is faster than the median here: all fast calls are 5 ms
  });

  it('says so when GC does not explain the tail', () => {
    const pauses = [{ start: 100, ms: 2 }, { start: 300, ms: 2 }];
    const t = attributeTail(window, pauses);
    expect(t.slowWithGc).toBe(0);
    expect(t.gcMsPerSlowCall).toBe(0);
  });

  it('counts only the part of a pause inside a call', () => {
    // A pause from 8 ms before the first slow call's end into the next one: 8 ms in one, 2 ms in the other.
    const t = attributeTail(window, [{ start: 475 + 20 - 8, ms: 10 }]);
    expect(t.slowWithGc).toBe(2);
    expect(t.gcMsPerSlowCall).toBeCloseTo(10 / 5, 10);
  });

  it('compares with the calls faster than the median', () => {
    // Ten 1 ms calls, ten of 3 ms, one of 6 ms: the median is 3 ms, the ten 1 ms calls are the faster ones.
    const mixed = [...calls(0, 10, 1), ...calls(10, 10, 3), ...calls(40, 1, 6)];
    const t = attributeTail(mixed, [{ start: 0.2, ms: 0.5 }, { start: 5.2, ms: 0.5 }, { start: 41, ms: 1 }]);
    expect(t).toMatchObject({ calls: 21, medianMs: 3, fastCalls: 10, fastWithGc: 2, slowCalls: 1, slowMedianMs: 6, slowWithGc: 1, gcMsPerSlowCall: 1 });
  });

  it('takes at least one slow call, and none of nothing', () => {
    expect(attributeTail(calls(0, 3, 1).concat([{ start: 3, end: 10 }]), []).slowCalls).toBe(1);
    const empty = attributeTail([], []);
    expect(empty).toMatchObject({ calls: 0, slowCalls: 0, slowWithGc: 0, fastCalls: 0 });
    expect(empty.medianMs).toBeNaN();
  });
});
