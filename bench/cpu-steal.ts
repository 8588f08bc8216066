/**
 * CPU time the hypervisor gave to other guests while this virtual machine wanted to run ("steal", the eighth
 * figure of the `cpu` line of Linux's /proc/stat). On a shared VM it comes in bursts of milliseconds that land
 * inside requests, so it moves throughput and p99 by more than many changes do; the report prints it beside
 * the figures it disturbed. Undefined where the kernel does not report it.
 * @see https://www.kernel.org/doc/html/latest/filesystems/proc.html (1.7, Miscellaneous kernel statistics)
 */
import { readFileSync } from 'node:fs';

/** All CPUs' time in clock ticks since boot: the total of every state, and the part stolen. */
export interface CpuTimes {
  total: number;
  steal: number;
}

/** The aggregate `cpu` line of /proc/stat's text; undefined when there is none or it has no steal column. */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (line === undefined) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user and nice.
  if (ticks.length < 8 || ticks.slice(0, 8).some((t) => !Number.isFinite(t))) return undefined;
  return { total: ticks.slice(0, 8).reduce((sum, t) => sum + t, 0), steal: ticks[7] as number };
}

export function readCpuTimes(): CpuTimes | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** Share (0..1) of the CPU time between two readings that was stolen; undefined without both or without time passing. */
export function stolenShare(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : undefined;
}
