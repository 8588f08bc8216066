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
