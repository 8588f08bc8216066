import type { GeneFinding } from '../../domain/case.js';
import type { DrugDraft } from '../../domain/draft-order.js';
import { ANTI_EGFR } from '../../domain/drug-groups.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { capitalise, isoDay } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { type BevacizumabOption, bevacizumabOption, replaceWithBevacizumab } from './shared/bevacizumab-instead.js';
import { draftBasis, drugNames } from './shared/orders.js';

interface Data {
  draft: DrugDraft;
  mutant: GeneFinding;
  bevacizumab: BevacizumabOption;
}

/** "KRAS p.Gly12Asp"; a long free-text variant is cut so the summary stays short (the detail has it all). */
function mutantLabel(g: GeneFinding, max = 24): string {
  const variant = g.used?.variant ?? '';
  const shown = variant.length <= max ? variant : `${variant.slice(0, max - 1)}…`;
  return `${g.gene}${shown ? ` ${shown}` : ''}`;
}

/** RC-30: an anti-EGFR antibody ordered for RAS-mutant disease. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-30',
    title: 'Anti-EGFR ordered in RAS-mutant disease',
    origin: 'seed',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: ['002', '004'], citation: 'ext: PRIME (Douillard, NEJM 2013): an NRAS mutation excludes anti-EGFR like a KRAS one' },
    trigger: 'Cetuximab or panitumumab being ordered; KRAS mutant (ext: any KRAS or NRAS mutation)',
    recommendation: 'Cancel the anti-EGFR antibody; bevacizumab with the doublet',
    defaultIndicator: 'critical',
    examples: ['V02', 'V03', 'V04', 'V05', 'V06', 'V07', 'V28', 'V33', 'V35'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['an anti-EGFR antibody is being ordered', () => drugDrafts(f.judgedDrafts, ANTI_EGFR).length > 0],
        ['RAS mutant (KRAS; NRAS too in extended mode)', () => f.rasMutant !== undefined],
      ],
      () => {
        mention(f.kras, f.ctx.ruleSet === 'extended' ? f.nras : undefined);
        const mutant = f.rasMutant as GeneFinding;
        const bevacizumab = bevacizumabOption(f);
        return drugDrafts(f.judgedDrafts, ANTI_EGFR).map((draft) => ({ data: { draft, mutant, bevacizumab }, subject: [draftBasis(draft)], draftIds: [draft.id] }));
      },
    ),
  card: ({ data: { draft, mutant, bevacizumab } }) => {
    const name = drugNames(draft, ANTI_EGFR);
    const lines = [
      `**Cancel ${name}**: anti-EGFR antibodies do not work in RAS-mutant disease (${mutantLabel(mutant, 200)}, ${isoDay(mutant.used?.source.date)}).`,
    ];
    if (mutant.gene === 'NRAS') lines.push('- RAS means KRAS **and** NRAS: an NRAS mutation excludes anti-EGFR therapy as a KRAS mutation does (RC-E1, PRIME).');
    if (mutant.conflict) {
      lines.push(
        `- Conflicting ${mutant.gene} results on file: a valid mutant result outranks a wild-type one whatever their dates, so the ${isoDay(mutant.used?.source.date)} mutant result is used. If it is disputed, review it at the tumour board before any anti-EGFR therapy.`,
      );
    }
    const { suggestion, line } = replaceWithBevacizumab(bevacizumab, draft, name, []);
    lines.push(line);
    return {
      summary: `${capitalise(name)} ordered with ${mutantLabel(mutant)} mutant disease: anti-EGFR is contraindicated; cancel it`,
      detail: lines.join('\n'),
      suggestions: [suggestion],
      overrideReasons: ['result-disputed', 'mdt-decision', 'clinical-trial'],
    };
  },
});
