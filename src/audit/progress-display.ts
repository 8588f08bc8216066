import type { AuditProgress } from './run-audit.js';

/** What the progress display writes to: stderr, a terminal or not. */
export interface ProgressOut {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Share of the work done: bytes while reading, patients while evaluating. */
function done(p: AuditProgress): number {
  if (p.phase === 'evaluate') return p.totalPatients === 0 ? 1 : p.patients / p.totalPatients;
  return p.totalBytes === 0 ? 1 : Math.min(1, p.bytes / p.totalBytes);
}

/** One progress line: counts only (files, bytes, patients, rate, ETA), never a patient id. */
export function progressText(p: AuditProgress, elapsedMs: number): string {
  const secs = Math.max(0.001, elapsedMs / 1000);
  const share = done(p);
  const patients = p.phase === 'evaluate' ? `${p.patients}/${p.totalPatients} patients evaluated` : `${p.patients} patients read`;
  const remaining = p.phase === 'evaluate' ? NaN : (p.totalBytes - p.bytes) / (p.bytes / secs);
  return `${p.phase} ${p.files}/${p.totalFiles} files, ${mb(p.bytes)}/${mb(p.totalBytes)}, ${patients}, ${mb(p.bytes / secs)}/s, ETA ${eta(remaining)} (${(share * 100).toFixed(0)}%)`;
}

/**
 * A bar redrawn in place on a terminal (at most 10 times a second), plain lines otherwise (every 5 s and at
 * each phase change), so a log file stays short.
 */
export function progressDisplay(out: ProgressOut, clock: () => number = Date.now): { update(p: AuditProgress): void; finish(): void } {
  const start = clock();
  let last = 0;
  let phase = '';
  let drawn = false;
  return {
    update(p) {
      const t = clock();
      const changed = p.phase !== phase;
      if (!changed && t - last < (out.isTTY ? 100 : 5000)) return;
      last = t;
      phase = p.phase;
      const text = progressText(p, t - start);
      if (out.isTTY) {
        const width = 24;
        const filled = Math.round(done(p) * width);
        const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
        out.write(`\r${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}\x1b[K`);
        drawn = true;
      } else out.write(`audit: ${text}\n`);
    },
    finish() {
      if (drawn) out.write('\n');
    },
  };
}
