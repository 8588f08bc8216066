import type { Case, GeneFinding } from '../../../domain/case.js';
import type { DraftOrder } from '../../../domain/draft-order.js';
import type { ActionSpec, EvaluationContext, Firing, Rule, SuggestionSpec } from '../../types.js';
import { geneBasis, isoDay, rasMutant, rasWildType } from '../../facts.js';
import { ANTI_EGFR } from '../../treatment-history.js';
import { missingBiomarkerTests } from '../biomarker-testing.js';
import {
  G12C_INHIBITORS, allDrafts, bevacizumabBlockers, bevacizumabInPlace, capitalise, draftBasis, draftById, drugDrafts,
  drugNames, judgedDrafts, orderRule,
} from './order-facts.js';

/** RC-30 (RAS mutant), RC-31 (RAS unknown) and RC-E7 (the KRAS G12C exception): anti-EGFR antibodies being ordered. */

const extendedMode = (ctx: EvaluationContext) => ctx.ruleSet === 'extended';

/** "KRAS p.Gly12Asp"; a long free-text variant is cut so the summary stays short (the detail has it all). */
function mutantLabel(g: GeneFinding, max = 24): string {
  const variant = g.used?.variant ?? '';
  const shown = variant.length <= max ? variant : `${variant.slice(0, max - 1)}…`;
  return `${g.gene}${shown ? ` ${shown}` : ''}`;
}

/** One firing per judged anti-EGFR draft, with the RAS lines the mode reads. */
function antiEgfrFirings(c: Case, ctx: EvaluationContext): Firing[] {
  const ras = [geneBasis('KRAS', c.biomarkers.kras), ...(extendedMode(ctx) ? [geneBasis('NRAS', c.biomarkers.nras)] : [])];
  return drugDrafts(judgedDrafts(ctx), ANTI_EGFR).map((d) => ({ basedOn: [draftBasis(d), ...ras], draftIds: [d.id] }));
}

/**
 * The safer biologic: cancel the anti-EGFR draft and, when no other rule forbids it and it is not already there,
 * draft bevacizumab. Returns the suggestion and the sentence the card says about bevacizumab.
 */
function replaceWithBevacizumab(
  c: Case,
  ctx: EvaluationContext,
  d: DraftOrder,
  name: string,
  extra: ActionSpec[],
  meanwhile = false,
): { suggestion: SuggestionSpec; line: string } {
  const cancel: ActionSpec = { type: 'delete-draft', draftId: d.id, description: `Cancel the ${name} order` };
  const inPlace = bevacizumabInPlace(c, ctx);
  const blockers = bevacizumabBlockers(c, ctx);
  if (inPlace) {
    const line = `- Bevacizumab is already ${inPlace === 'running' ? 'running' : 'in this order set'}: keep it as the biologic.`;
    return { suggestion: { label: `Cancel ${name}`, isRecommended: true, actions: [cancel, ...extra] }, line };
  }
  if (blockers.length > 0) {
    const line = `- Bevacizumab, the usual alternative, is not suggested now: ${blockers.join('; ')}.`;
    return { suggestion: { label: `Cancel ${name}`, isRecommended: true, actions: [cancel, ...extra] }, line };
  }
  const bev: ActionSpec = { type: 'order-drug', drug: 'bevacizumab', reason: `Biologic instead of ${name}: bevacizumab works whatever the RAS status` };
  return {
    suggestion: { label: `Replace ${name} with bevacizumab`, isRecommended: true, actions: [cancel, ...extra, bev] },
    line: `- The biologic for the chemotherapy doublet is **bevacizumab**, whatever the RAS status${meanwhile ? ', meanwhile' : ''}.`,
  };
}

/** RC-30: an anti-EGFR antibody ordered for RAS-mutant disease. */
export const antiEgfrRasMutant: Rule = orderRule({
  id: 'RC-30',
  title: 'Anti-EGFR ordered in RAS-mutant disease',
  origin: 'seed',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: ['002', '004'], citation: 'ext: PRIME (Douillard, NEJM 2013): an NRAS mutation excludes anti-EGFR like a KRAS one' },
  trigger: 'Cetuximab or panitumumab being ordered; KRAS mutant (ext: any KRAS or NRAS mutation)',
  recommendation: 'Cancel the anti-EGFR antibody; bevacizumab with the doublet',
  defaultIndicator: 'critical',
  appliesEach(c, ctx) {
    return rasMutant(c, extendedMode(ctx)) ? antiEgfrFirings(c, ctx) : [];
  },
  card(c, firing, ctx) {
    const d = draftById(ctx, firing.draftIds?.[0]);
    const name = drugNames(d, ANTI_EGFR);
    // Only called after appliesEach fired, so a mutation is on file; KRAS is the fallback for the type.
    const mutant = rasMutant(c, extendedMode(ctx)) ?? c.biomarkers.kras;
    const what = mutantLabel(mutant);
    const lines = [
      `**Cancel ${name}**: anti-EGFR antibodies do not work in RAS-mutant disease (${mutantLabel(mutant, 200)}, ${isoDay(mutant.used?.source.date)}).`,
    ];
    if (mutant.gene === 'NRAS') lines.push('- RAS means KRAS **and** NRAS: an NRAS mutation excludes anti-EGFR therapy as a KRAS mutation does (RC-E1, PRIME).');
    if (mutant.conflict) {
      lines.push(
        `- Conflicting ${mutant.gene} results on file: a valid mutant result outranks a wild-type one whatever their dates, so the ${isoDay(mutant.used?.source.date)} mutant result is used. If it is disputed, review it at the tumour board before any anti-EGFR therapy.`,
      );
    }
    const { suggestion, line } = d ? replaceWithBevacizumab(c, ctx, d, name, []) : { suggestion: undefined, line: undefined };
    if (line) lines.push(line);
    return {
      summary: `${capitalise(name)} ordered with ${what} mutant disease: anti-EGFR is contraindicated; cancel it`,
      detail: lines.join('\n'),
      suggestions: suggestion ? [suggestion] : [],
      overrideReasons: ['result-disputed', 'mdt-decision', 'clinical-trial'],
    };
  },
});

/** The RAS (and BRAF) tests still missing, as RC-04 would order them (MSI is not this card's business). */
function rasTests(c: Case, extended: boolean) {
  return missingBiomarkerTests(c, extended).filter((t) => t.test !== 'MSI');
}

/** RC-31: an anti-EGFR antibody ordered without a valid (complete, in extended mode) RAS wild-type result. */
export const antiEgfrRasUnknown: Rule = orderRule({
  id: 'RC-31',
  title: 'Anti-EGFR ordered without a RAS result',
  origin: 'seed',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: ['004'], citation: 'ext: PRIME (Douillard, NEJM 2013): extended RAS (KRAS and NRAS) before anti-EGFR' },
  trigger: 'Cetuximab or panitumumab being ordered; no valid RAS result (ext: KRAS-only or exon-2-only wild-type counts as incomplete)',
  recommendation: 'Order RAS (+BRAF) testing; bevacizumab meanwhile',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    const extended = extendedMode(ctx);
    if (rasMutant(c, extended) || rasWildType(c, extended)) return [];
    return antiEgfrFirings(c, ctx);
  },
  card(c, firing, ctx) {
    const d = draftById(ctx, firing.draftIds?.[0]);
    const name = drugNames(d, ANTI_EGFR);
    const tests = rasTests(c, extendedMode(ctx));
    const orders: ActionSpec[] = tests.map((t) => ({ type: 'order-test', test: t.test, reason: t.why }));
    const lines = [
      `**Hold ${name} until RAS is known**: anti-EGFR antibodies help only RAS wild-type disease, and testing is mandatory before them. Unknown is not wild-type.`,
      ...tests.map((t) => `- Order: ${t.why}.`),
    ];
    const { suggestion, line } = d ? replaceWithBevacizumab(c, ctx, d, name, orders, true) : { suggestion: undefined, line: undefined };
    if (line) lines.push(line);
    return {
      summary: `${capitalise(name)} ordered without a valid RAS wild-type result: test RAS first`,
      detail: lines.join('\n'),
      suggestions: suggestion ? [suggestion] : [],
      overrideReasons: ['result-disputed', 'mdt-decision', 'clinical-trial'],
    };
  },
});

const G12C = /\b(p\.)?(Gly12Cys|G12C)\b/i;

/** RC-E7: KRAS G12C after a prior line, a G12C inhibitor ordered with the anti-EGFR: the exception to RC-30. */
export const g12cWithAntiEgfr: Rule = orderRule({
  id: 'RC-E7',
  title: 'KRAS G12C inhibitor with anti-EGFR',
  origin: 'ext',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: [], citation: 'CodeBreaK 300 (Fakih, NEJM 2023); KRYSTAL-1 (Yaeger, NEJM 2023)' },
  trigger: 'KRAS G12C after prior lines; sotorasib or adagrasib ordered with cetuximab or panitumumab',
  recommendation: 'The exception to RC-30: the anti-EGFR antibody belongs with the G12C inhibitor, not alone',
  defaultIndicator: 'info',
  appliesEach(c, ctx) {
    const kras = c.biomarkers.kras;
    if (kras.status !== 'mutant' || !G12C.test(kras.used?.variant ?? '') || c.therapy.lines.length === 0) return [];
    const inhibitors = drugDrafts(allDrafts(ctx), G12C_INHIBITORS);
    if (inhibitors.length === 0) return [];
    // Name the judged inhibitor when there is one: the card is about the orders being decided.
    const inhibitor = inhibitors.find((d) => d.selected) ?? (inhibitors[0] as DraftOrder);
    return drugDrafts(allDrafts(ctx), ANTI_EGFR)
      .filter((d) => d.selected || inhibitor.selected)
      .map((d) => ({
        basedOn: [draftBasis(d), draftBasis(inhibitor, 'With'), geneBasis('KRAS', kras), { label: 'Prior lines', value: String(c.therapy.lines.length) }],
        draftIds: [d.id, inhibitor.id, ...inhibitors.filter((i) => i !== inhibitor).map((i) => i.id)],
      }));
  },
  card(_c, firing, ctx) {
    const [egfr, inhibitor] = [draftById(ctx, firing.draftIds?.[0]), draftById(ctx, firing.draftIds?.[1])];
    const pair = `${drugNames(inhibitor, G12C_INHIBITORS)} + ${drugNames(egfr, ANTI_EGFR)}`;
    return {
      summary: `KRAS G12C after prior therapy: ${pair} is the exception to the RAS rule for anti-EGFR`,
      detail: [
        `KRAS G12C after at least one line: a G12C inhibitor with an anti-EGFR antibody (${pair}) improved outcomes (CodeBreaK 300, KRYSTAL-1).`,
        '- The anti-EGFR antibody belongs with the G12C inhibitor only: never alone in RAS-mutant disease.',
      ].join('\n'),
    };
  },
});
