import type { DrugDraft } from '../../domain/draft-order.js';
import { FLUOROPYRIMIDINES } from '../../domain/drug-groups.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { draftBasis, drugNames } from './shared/orders.js';

/** RC-E11: the first fluoropyrimidine ordered with no DPYD genotype or DPD phenotype on file: test DPYD first. */
export const rule = defineRule<{ drafts: DrugDraft[] }>({
  meta: {
    id: 'RC-E11',
    title: 'DPYD testing before the first fluoropyrimidine',
    origin: 'ext',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: [], citation: 'EMA 2020 DPD testing recommendation; CPIC 2017 (Amstutz, Clin Pharmacol Ther 2018)' },
    trigger: 'Fluorouracil or capecitabine being ordered; no earlier fluoropyrimidine given; no DPYD genotype or DPD phenotype result on file, and none being ordered with it',
    recommendation: 'Test DPYD (or DPD activity) before the first dose; suggestion: a DPYD genotyping order',
    defaultIndicator: 'info',
    examples: ['V53', 'V53b'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['fluorouracil or capecitabine is being ordered', () => drugDrafts(f.judgedDrafts, FLUOROPYRIMIDINES).length > 0],
        ['no fluoropyrimidine given before', () => f.fluoropyrimidineGiven === undefined],
        ['no DPYD / DPD result on file', () => f.dpydTest === undefined],
        // Ordered in this order set (the card's own suggestion, accepted): asked and answered.
        ['no DPYD test being ordered with it', () => !(f.ctx.orders?.drafts ?? []).some((d) => d.kind === 'test' && d.test === 'DPYD')],
      ],
      () => {
        mention(f.fluoropyrimidineGiven);
        const drafts = drugDrafts(f.judgedDrafts, FLUOROPYRIMIDINES);
        return { data: { drafts }, subject: drafts.map((d) => draftBasis(d)), draftIds: drafts.map((d) => d.id) };
      },
    ),
  card: ({ data: { drafts } }) => {
    const names = [...new Set(drafts.map((d) => drugNames(d, FLUOROPYRIMIDINES)))].join(' and ');
    return {
      summary: `First ${names}: test DPYD before the first dose (no DPYD or DPD result on file)`,
      detail: [
        `**Test DPYD before the first dose of ${names}**: patients with DPD deficiency can suffer severe or fatal toxicity; complete deficiency contraindicates the drug, partial deficiency calls for a reduced starting dose.`,
        '- DPYD genotyping (c.1905+1G>A, c.1679T>G, c.2846A>T, c.1236G>A/HapB3) or DPD phenotyping (uracil).',
      ].join('\n'),
      suggestions: [
        { label: 'Order DPYD genotyping', isRecommended: true, actions: [{ type: 'order-test', test: 'DPYD', reason: `no DPYD or DPD result on file before the first ${names}` }] },
      ],
    };
  },
});
