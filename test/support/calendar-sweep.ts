/**
 * Every day of two centuries (and a few far years), each as `YYYY-MM-DD` and as a date-time with a fraction and
 * a `Z` or `±hh:mm` offset: the strings the calendar-arithmetic date readers are held to `Date.parse` on. Days 29
 * to 31 of every month are included, so leap years and days past a month's end are met.
 */
export function calendarSweep(): string[] {
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  const years = [100, 400, 1600, 1700, 1800, 9999, ...Array.from({ length: 203 }, (_, i) => 1899 + i), 2400];
  const out: string[] = [];
  for (const y of years) for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) {
    const day = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
    const offset = d % 3 === 0 ? 'Z' : `${d % 2 ? '+' : '-'}${pad(d % 24)}:${pad((m * 7) % 60)}`;
    out.push(day, `${day}T${pad((d * 7) % 24)}:${pad((d * 13) % 60)}:${pad((m * 5) % 60)}.${pad(d, 3)}${offset}`);
  }
  return out;
}
