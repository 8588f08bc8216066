import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecord, recordMemoSlot } from '../../src/fhir-mapping/record.js';

/**
 * The mapping's per-record memos live inside the record. A module-level WeakMap keyed by the record kept every
 * record's resources alive through scavenges (V8 clears such entries only in a full collection), so each call's
 * whole record was copied into the old generation.
 */

test('a memo is made once per record and slot, for that record, and records do not share memos', () => {
  let made = 0;
  const slot = recordMemoSlot('test', (record) => ({ n: ++made, record }));
  const a = buildRecord([]);
  const b = buildRecord([]);
  const first = a.memo(slot);
  expect(first.record).toBe(a);
  expect(a.memo(slot)).toBe(first);
  expect(b.memo(slot)).not.toBe(first);
  expect(b.memo(slot).record).toBe(b);
  expect(made).toBe(2);
});

test('no mapping module keeps a WeakMap of its own (per-record memos go through PatientRecord.memo)', () => {
  const dir = fileURLToPath(new URL('../../src/fhir-mapping/', import.meta.url));
  // Module level only: a WeakMap made inside a call dies with that call's data.
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /^(?:export )?const \w+ = new Weak(?:Map|Set)\b/m.test(readFileSync(join(dir, f), 'utf8')));
  expect(offenders).toEqual([]);
});
