import { mapBiomarkers } from '../../src/fhir-mapping/biomarkers.js';
import { polarityOfText } from '../../src/fhir-mapping/biomarker-results.js';
import { lnc, obs, variant } from './helpers.js';

/** Free-text results are where "unknown" most easily turns into a wrong wild-type or mutant. */
describe('free-text biomarker results', () => {
  test.each<[string, 'positive' | 'negative' | undefined]>([
    ['No mutation detected', 'negative'],
    ['KRAS wild-type', 'negative'],
    ['Not detected', 'negative'],
    ['No pathogenic variants identified in KRAS exons 2-4', 'negative'],
    ['KRAS p.Gly12Asp detected', 'positive'],
    ['Positive for KRAS G12V', 'positive'],
    // A test that produced no result is unknown, never wild-type or mutant.
    ['No mutation analysis possible: insufficient tumour content', undefined],
    ['Failed: no variants could be called', undefined],
    ['no mutation testing done', undefined],
    ['Mutation status unknown', undefined],
    ['KRAS mutation status: indeterminate', undefined],
    ['Result pending', undefined],
    ['KRAS mutation analysis', undefined],
  ])('%s -> %s', (text, polarity) => {
    expect(polarityOfText(text)).toBe(polarity);
  });

  test('a failed KRAS+NRAS test leaves both genes unknown', () => {
    const failed = obs({ code: lnc('81420-2'), valueString: 'No mutation analysis possible: insufficient tumour content', daysAgo: 10 });
    const b = mapBiomarkers([failed]);
    expect([b.kras.status, b.nras.status]).toEqual(['unknown', 'unknown']);
  });

  test('a variant panel naming a protein change without a coded answer is mutant, and outranks an older wild-type', () => {
    const named = variant('HGNC:6407', true, { protein: 'p.Gly12Val', daysAgo: 100 });
    delete named.valueCodeableConcept;
    const olderWildType = variant('HGNC:6407', false, { daysAgo: 2000 });
    const newerWildType = variant('HGNC:6407', false, { daysAgo: 5 });
    const b = mapBiomarkers([olderWildType, named, newerWildType]);
    expect(b.kras.status).toBe('mutant');
    expect(b.kras.used?.variant).toBe('p.Gly12Val');
    expect(b.kras.conflict).toBe(true);
  });
});
