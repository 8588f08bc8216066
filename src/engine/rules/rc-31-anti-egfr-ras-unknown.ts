import type { DrugDraft } from '../../domain/draft-order.js';
import { ANTI_EGFR } from '../../domain/drug-groups.js';
import type { MissingTest } from '../facts/fact-types.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { capitalise } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import type { ActionSpec } from '../types.js';
import { type BevacizumabOption, bevacizumabOption, replaceWithBevacizumab } from './shared/bevacizumab-instead.js';
import { draftBasis, drugNames } from './shared/orders.js';

interface Data {
  draft: DrugDraft;
  /** The RAS (and BRAF) tests still missing, as RC-04 would order them (MSI is not this card's business). */
  tests: MissingTest[];
  bevacizumab: BevacizumabOption;
}

/** RC-31: an anti-EGFR antibody ordered without a valid (complete, in extended mode) RAS wild-type result. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-31',
    title: 'Anti-EGFR ordered without a RAS result',
    origin: 'seed',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: ['004'], citation: 'ext: PRIME (Douillard, NEJM 2013): extended RAS (KRAS and NRAS) before anti-EGFR' },
    trigger: 'Cetuximab or panitumumab being ordered; no valid RAS result (ext: KRAS-only or exon-2-only wild-type counts as incomplete)',
    recommendation: 'Order RAS (+BRAF) testing; bevacizumab meanwhile',
    defaultIndicator: 'warning',
    examples: ['V02', 'V03', 'V04', 'V05', 'V06', 'V07', 'V28', 'V33'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['an anti-EGFR antibody is being ordered', () => drugDrafts(f.judgedDrafts, ANTI_EGFR).length > 0],
        ['RAS neither mutant nor wild-type (no valid, complete result)', () => f.rasMutant === undefined && !f.rasWildType],
      ],
      () => {
        mention(f.kras, f.ctx.ruleSet === 'extended' ? f.nras : undefined);
        const tests = f.missingBiomarkerTests.filter((t) => t.test !== 'MSI');
        const bevacizumab = bevacizumabOption(f);
        return drugDrafts(f.judgedDrafts, ANTI_EGFR).map((draft) => ({ data: { draft, tests, bevacizumab }, subject: [draftBasis(draft)], draftIds: [draft.id] }));
      },
    ),
  card: ({ data: { draft, tests, bevacizumab } }) => {
    const name = drugNames(draft, ANTI_EGFR);
    const orders: ActionSpec[] = tests.map((t) => ({ type: 'order-test', test: t.test, reason: t.why }));
    const lines = [
      `**Hold ${name} until RAS is known**: anti-EGFR antibodies help only RAS wild-type disease, and testing is mandatory before them. Unknown is not wild-type.`,
      ...tests.map((t) => `- Order: ${t.why}.`),
    ];
    const { suggestion, line } = replaceWithBevacizumab(bevacizumab, draft, name, orders, true);
    lines.push(line);
    return {
      summary: `${capitalise(name)} ordered without a valid RAS wild-type result: test RAS first`,
      detail: lines.join('\n'),
      suggestions: [suggestion],
      overrideReasons: ['result-disputed', 'mdt-decision', 'clinical-trial'],
    };
  },
});
