import { DAY_MS } from '../../src/domain/time.js';

/** The fixed request time of the tests: every age in a fixture is measured back from it. */
export const NOW = new Date('2026-06-01T12:00:00Z');

/** `n` days before `now` (negative: after), as an ISO date-time. */
export function daysAgo(n: number, now: Date = NOW): string {
  return new Date(now.getTime() - n * DAY_MS).toISOString();
}
