import { createHmac } from 'node:crypto';
import { pseudonyms } from '../../src/learning/pseudonyms.js';

/** Keyed pseudonyms: HMAC-SHA-256 of kind, client and id, the same every time, unlinkable without the key. */

const KEY = 'test-pseudonym-key-0123456789-abcdefghijklmn';
const expected = (kind: string, client: string, id: string) => createHmac('sha256', KEY).update(`${kind}\u0000${client}\u0000${id}`).digest('base64url').slice(0, 32);

test('a pseudonym is the keyed HMAC of kind, client and id, and does not contain the id', () => {
  const names = pseudonyms(KEY);
  expect(names.patient('https://ehr.example', 'pat-123')).toBe(expected('patient', 'https://ehr.example', 'pat-123'));
  expect(names.user('https://ehr.example', 'Practitioner/9')).toBe(expected('user', 'https://ehr.example', 'Practitioner/9'));
  expect(names.patient('https://ehr.example', 'pat-123')).not.toContain('pat-123');
});

test('the same id at two clients, or as patient and user, gives different pseudonyms; another key another', () => {
  const names = pseudonyms(KEY);
  const a = names.patient('https://a.example', 'x');
  expect(names.patient('https://b.example', 'x')).not.toBe(a);
  expect(names.user('https://a.example', 'x')).not.toBe(a);
  expect(pseudonyms(`${KEY}-other`).patient('https://a.example', 'x')).not.toBe(a);
});

test('answers stay the same past the memo size (remembered or computed again)', () => {
  const names = pseudonyms(KEY);
  const first = names.patient('open', 'p-0');
  for (let i = 1; i < 10_000; i++) names.patient('open', `p-${i}`);
  expect(names.patient('open', 'p-0')).toBe(first);
  expect(names.patient('open', 'p-9999')).toBe(expected('patient', 'open', 'p-9999'));
});
