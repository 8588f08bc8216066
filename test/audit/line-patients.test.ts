import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { isScopeCandidate, mayBeScopeCandidate } from '../../src/audit/scope-candidate.js';
import { NOW } from '../support/now.js';
import { lineShape } from '../../src/audit/line-shape.js';
import { patientsNamedIn } from '../../src/audit/line-patients.js';

/** The string search that lets pass 2 pass over lines of out-of-scope patients without parsing them. */
test.each<[string, string, string[] | undefined]>([
  ['subject reference', '{"resourceType":"Observation","subject":{"reference":"Patient/p-1"}}', ['p-1']],
  ['absolute reference', '{"resourceType":"Observation","subject":{"reference":"https://ehr.example/fhir/Patient/p.2"}}', ['p.2']],
  ['two patients, each once', '{"subject":{"reference":"Patient/a"},"performer":[{"reference":"Patient/b"}],"x":{"reference":"Patient/a"}}', ['a', 'b']],
  ['no patient named: unsure', '{"resourceType":"Medication","id":"m1"}', undefined],
  ['escaped slash could hide one: unsure', '{"subject":{"reference":"Patient\\/p-1"},"y":"Patient/q"}', undefined],
  ['unicode escape could hide one: unsure', '{"subject":{"reference":"\\u0050atient/p-1"},"y":"Patient/q"}', undefined],
  ['versioned reference: unsure', '{"subject":{"reference":"Patient/p-1/_history/2"}}', undefined],
  ['id longer than FHIR allows: unsure', `{"subject":{"reference":"Patient/${'x'.repeat(65)}"}}`, undefined],
])('%s', (_name, line, expected) => {
  expect(patientsNamedIn(line)).toEqual(expected);
});

test.each<[string, string]>([
  ['', 'blank'],
  ['  \r', 'blank'],
  ['{"resourceType":"Patient"}', 'object'],
  [' {"a":1} \r', 'object'],
  ['{"resourceType":"Observation","subject":{"reference":"Pat', 'broken'],
  ['[1,2]', 'broken'],
])('line shape of %j is %s', (line, shape) => {
  expect(lineShape(line)).toBe(shape);
});

test('the pass-1 code search never passes over a Condition the mapping would take as a candidate', () => {
  const conditions = allScenarios.flatMap((s) => s.record(NOW)).filter((r) => r.resourceType === 'Condition');
  const candidates = conditions.filter((c) => isScopeCandidate(c as never, true));
  expect(candidates.length).toBeGreaterThan(40);
  for (const c of candidates) expect([c.id, mayBeScopeCandidate(JSON.stringify(c))]).toEqual([c.id, true]);
  // ... and it does pass over most other cancers and problems.
  const others = conditions.filter((c) => !isScopeCandidate(c as never, true));
  expect(others.filter((c) => !mayBeScopeCandidate(JSON.stringify(c))).length).toBeGreaterThan(others.length / 2);
  // Dotted and lower-case ICD-10 codes normalise as the mapping normalises them.
  expect(mayBeScopeCandidate('{"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"c2.0"}]}}')).toBe(true);
});
