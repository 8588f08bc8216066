import { z } from 'zod';
import { RULE_ID } from '../domain/ids.js';

/** Value schemas shared by every part of the environment (booleans, sizes, lists). */

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Comma-separated items, trimmed, empty ones dropped. */
export const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const SIZE = /^(\d+)(b|kb|mb)$/i;
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** A size such as `32mb` or `500kb`, kept as text (express takes it so). */
export const sizeText = z.string().regex(SIZE, 'a size such as 32mb or 500kb');

/** The bytes of a size text such as `32mb` (already validated by `sizeText`). */
export function sizeToBytes(s: string): number {
  const [, n, unit] = SIZE.exec(s)!;
  return Number(n) * UNIT_BYTES[unit!.toLowerCase() as keyof typeof UNIT_BYTES];
}

/** A size such as `32mb` or `500kb`, in bytes. */
export const sizeBytes = sizeText.transform(sizeToBytes);

/** Comma-separated rule ids, upper-cased. */
export const ruleIdList = z
  .string()
  .transform((s) => list(s).map((x) => x.toUpperCase()))
  .refine((ids) => ids.every((id) => RULE_ID.test(id)), 'a comma-separated list of rule ids such as RC-05,RC-E4');
