import { getSearchParameter } from '@medplum/core';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import { narrowExpression, splitTopLevelUnion } from '../../src/fhir-server/search-expressions.js';

describe('splitTopLevelUnion', () => {
  it.each<[string, string[]]>([
    ['Observation.code', ['Observation.code']],
    ['A.x | B.y', ['A.x', 'B.y']],
    ["(A.value as Quantity) | B.y.where(system = 'a|b') | C.z[0]", ['(A.value as Quantity)', "B.y.where(system = 'a|b')", 'C.z[0]']],
    ['A.x.where((b | c).exists()) | D.y', ['A.x.where((b | c).exists())', 'D.y']],
  ])('%s', (expression, members) => {
    expect(splitTopLevelUnion(expression)).toEqual(members);
  });
});

describe('narrowExpression', () => {
  beforeAll(() => createEmbeddedFhirServer()); // indexes the resource types

  it.each<[string, string, string | undefined]>([
    ['Observation', 'Condition.subject | Observation.subject.where(resolve() is Patient)', 'Observation.subject.where(resolve() is Patient)'],
    ['Observation', '(Observation.value as Quantity) | (Observation.component.value as Quantity) | Condition.code', '(Observation.value as Quantity) | (Observation.component.value as Quantity)'],
    ['Observation', 'Observation.code', undefined], // not a union
    ['Observation', 'Resource.meta.tag | Observation.code', undefined], // a member for every type: keep all
    ['Observation', 'Condition.code | Procedure.code', undefined], // nothing for this type: keep as is
  ])('%s: %s', (resourceType, expression, expected) => {
    expect(narrowExpression(resourceType, expression)).toBe(expected);
  });
});

describe('search parameters after indexing', () => {
  beforeAll(() => createEmbeddedFhirServer());

  it("gives each type only its own members of a shared parameter, without touching the other types'", () => {
    expect(getSearchParameter('Observation', 'patient')?.expression).toBe('Observation.subject.where(resolve() is Patient)');
    expect(getSearchParameter('Condition', 'patient')?.expression).toBe('Condition.subject.where(resolve() is Patient)');
    expect(getSearchParameter('MedicationRequest', 'code')?.expression).toBe('(MedicationRequest.medication as CodeableConcept)');
    // Type, targets and code stay what the search layer checks.
    expect(getSearchParameter('Observation', 'patient')).toMatchObject({ type: 'reference', code: 'patient', target: ['Patient'] });
  });
});
