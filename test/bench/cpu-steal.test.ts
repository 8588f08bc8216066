import { parseProcStat, readCpuTimes, stolenShare } from '../../bench/cpu-steal.js';

// The first lines of /proc/stat on a two-CPU guest (the aggregate line, then one per CPU).
const STAT = [
  'cpu  2063951 6786 158368 14477919 7690 0 22050 278526 0 0',
  'cpu0 1031975 3393 79184 7238959 3845 0 11025 139263 0 0',
  'cpu1 1031976 3393 79184 7238960 3845 0 11025 139263 0 0',
  'intr 123456 0 0',
].join('\n');

describe('parseProcStat', () => {
  it('reads the aggregate cpu line: every state summed, steal apart', () => {
    expect(parseProcStat(STAT)).toEqual({ total: 2063951 + 6786 + 158368 + 14477919 + 7690 + 0 + 22050 + 278526, steal: 278526 });
  });

  it('leaves out guest time, which the kernel already counts in user and nice', () => {
    const withGuest = parseProcStat('cpu  100 0 0 100 0 0 0 50 40 10\n');
    expect(withGuest).toEqual({ total: 250, steal: 50 });
  });

  it('is undefined without an aggregate line or without a steal column (old kernels)', () => {
    expect(parseProcStat('cpu0 1 2 3 4 5 6 7 8\nintr 1\n')).toBeUndefined();
    expect(parseProcStat('cpu  1 2 3 4 5 6 7\n')).toBeUndefined();
    expect(parseProcStat('cpu  1 2 x 4 5 6 7 8\n')).toBeUndefined();
    expect(parseProcStat('')).toBeUndefined();
  });
});

describe('stolenShare', () => {
  it('is the stolen part of the time between two readings', () => {
    expect(stolenShare({ total: 1000, steal: 10 }, { total: 1400, steal: 62 })).toBeCloseTo(0.13, 10);
  });

  it('is undefined when a reading is missing or no time passed', () => {
    expect(stolenShare(undefined, { total: 1, steal: 0 })).toBeUndefined();
    expect(stolenShare({ total: 5, steal: 1 }, undefined)).toBeUndefined();
    expect(stolenShare({ total: 5, steal: 1 }, { total: 5, steal: 1 })).toBeUndefined();
  });

  it('reads this machine: a share between 0 and 1 where /proc/stat exists, else nothing', () => {
    const before = readCpuTimes();
    const spin = Date.now() + 50;
    while (Date.now() < spin); // let some ticks pass
    const share = stolenShare(before, readCpuTimes());
    if (process.platform === 'linux') {
      expect(before).toBeDefined();
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    } else {
      expect(before).toBeUndefined();
    }
  });
});
