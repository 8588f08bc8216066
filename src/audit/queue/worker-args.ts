import { AuditError } from '../errors.js';

export interface WorkerArgs {
  url: string;
  concurrency: number;
}

export const WORKER_USAGE = 'usage: npm run audit:worker -- --queue postgres://... [--concurrency N]';

export function parseWorkerArgs(argv: readonly string[]): WorkerArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(queue|concurrency)(?:=(.*))?$/.exec(argv[i] as string);
    if (!m?.[1]) throw new AuditError('bad-arguments', `unknown argument "${argv[i]}"\n${WORKER_USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new AuditError('bad-arguments', `--${m[1]} needs a value\n${WORKER_USAGE}`);
    values.set(m[1], value);
  }
  const url = values.get('queue');
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new AuditError('bad-arguments', `--queue postgres://... is required\n${WORKER_USAGE}`);
  const c = values.get('concurrency') ?? '1';
  const concurrency = Number(c);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new AuditError('bad-arguments', `--concurrency must be a whole number from 1 to 64, got "${c}"`);
  return { url, concurrency };
}
