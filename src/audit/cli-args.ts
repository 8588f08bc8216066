import { availableParallelism } from 'node:os';
import { AuditError } from './errors.js';

export interface CliArgs {
  /** The input: a Bulk Data NDJSON folder, or a kick-off URL to export from (downloaded into `--out/export/`). */
  input: { ndjsonDir: string } | { exportUrl: string };
  outDir: string;
  now: Date;
  workers: number;
  /** The PostgreSQL of the job queue: tasks go to `npm run audit:worker` processes (`workers` = shards a phase). */
  queue?: string;
}

export const USAGE = 'usage: npm run audit -- (--ndjson DIR | --export KICK_OFF_URL) --out DIR [--date YYYY-MM-DD] [--workers N] [--queue postgres://...]';

/** The audit date at noon UTC: the same calendar day in every time zone the rules compare against. */
function auditDate(s: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new AuditError('bad-arguments', `--date must be YYYY-MM-DD, got "${s}"`);
  const d = new Date(`${s}T12:00:00Z`);
  if (!Number.isFinite(d.getTime()) || d.toISOString().slice(0, 10) !== s) throw new AuditError('bad-arguments', `--date is not a calendar date: "${s}"`);
  return d;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

export function parseCliArgs(argv: readonly string[], now: Date = new Date()): CliArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--(ndjson|export|out|date|workers|queue)(?:=(.*))?$/.exec(a);
    if (!m?.[1]) throw new AuditError('bad-arguments', `unknown argument "${a}"\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new AuditError('bad-arguments', `--${m[1]} needs a value\n${USAGE}`);
    values.set(m[1], value);
  }
  const ndjsonDir = values.get('ndjson');
  const exportUrl = values.get('export');
  const outDir = values.get('out');
  if (ndjsonDir && exportUrl) throw new AuditError('bad-arguments', `--ndjson and --export are two inputs: give one\n${USAGE}`);
  if (!ndjsonDir && !exportUrl) throw new AuditError('bad-arguments', `--ndjson DIR or --export KICK_OFF_URL is required\n${USAGE}`);
  if (exportUrl && !URL.canParse(exportUrl)) throw new AuditError('bad-arguments', `--export must be a kick-off URL ([base]/Patient/$export or [base]/Group/{id}/$export), got "${exportUrl}"`);
  if (!outDir) throw new AuditError('bad-arguments', `--out DIR is required (findings hold patient ids: say where they may go)\n${USAGE}`);
  const w = values.get('workers');
  const workers = w === undefined ? availableParallelism() : Number(w);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new AuditError('bad-arguments', `--workers must be a whole number from 1 to 256, got "${w}"`);
  const queue = values.get('queue');
  if (queue !== undefined && !/^postgres(ql)?:\/\//.test(queue)) throw new AuditError('bad-arguments', `--queue must be a postgres:// URL`);
  const input = exportUrl ? { exportUrl } : { ndjsonDir: ndjsonDir! };
  return { input, outDir, now: auditDate(values.get('date') ?? today(now)), workers, ...(queue ? { queue } : {}) };
}
