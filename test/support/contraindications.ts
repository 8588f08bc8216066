import type { Case } from '../../src/domain/case.js';
import type { RuleSet } from '../../src/config/types.js';
import type { Recommendation } from '../../src/engine/types.js';

/**
 * What the guideline forbids for one patient, and a reader of card text that finds where a card recommends
 * it anyway. Used by the no-contraindicated-suggestion property test. Deliberately independent of the
 * engine's own helpers (facts.ts), so a bug there cannot hide here.
 */
export interface Contraindications {
  /** Why an anti-EGFR antibody is forbidden, when it is. */
  antiEgfr?: string;
  /** Why a checkpoint inhibitor is forbidden, when it is. */
  checkpoint?: string;
  /** Why intensive combination therapy is forbidden (ECOG >= 3), when it is. */
  intensive?: string;
  /** Comfort-focused care (hospice): no anticancer drug, trial or local treatment may be suggested. */
  comfortCare?: string;
  /** KRAS G12C: an anti-EGFR antibody named together with a G12C inhibitor is the documented exception. */
  g12c?: boolean;
}

export function contraindications(c: Case, ruleSet: RuleSet): Contraindications {
  const { kras, nras, msi } = c.biomarkers;
  const out: Contraindications = {};
  if (kras.status !== 'wild-type') out.antiEgfr = `KRAS ${kras.status}`;
  else if (ruleSet === 'extended' && nras.status !== 'wild-type') out.antiEgfr = `NRAS ${nras.status}`;
  else if (ruleSet === 'extended' && kras.used?.exon2Only) out.antiEgfr = 'KRAS tested on exon 2 only';
  if (msi.status !== 'MSI-H') out.checkpoint = `MSI ${msi.status}`;
  if (c.performance && c.performance.ecog >= 3) out.intensive = `ECOG ${c.performance.ecog}`;
  if (c.goalsOfCare.comfortCare) out.comfortCare = `comfort-focused care (${c.goalsOfCare.comfortCare.value})`;
  if (kras.status === 'mutant' && /G12C|Gly12Cys/i.test(kras.used?.variant ?? '')) out.g12c = true;
  return out;
}

/** Under comfort-focused care only symptom and emergency cards may speak (RC-06, RC-07, RC-16), and RC-26 itself. */
const UNDER_COMFORT_CARE = ['RC-26', 'RC-06', 'RC-07', 'RC-16'];
/** Any anticancer drug or regimen, by name or class. */
const ANTICANCER =
  /\b(fluorouracil|5-FU|capecitabine|oxaliplatin|irinotecan|FOLFOX\w*|FOLFIRI|CAPOX|XELOX|bevacizumab|cetuximab|panitumumab|anti-EGFR|pembrolizumab|nivolumab|ipilimumab|checkpoint inhibitors?|encorafenib|trastuzumab|tucatinib|regorafenib|fruquintinib|trifluridine|sotorasib|adagrasib|chemotherapy|systemic therapy)\b/i;
/** The G12C inhibitors that make an anti-EGFR antibody allowed in G12C-mutant disease (RC-13, RC-E7). */
const G12C_INHIBITOR = /\b(sotorasib|adagrasib)\b/i;

/** Rules that recommend intensive combination therapy: silent at ECOG >= 3 (RC-15). */
const INTENSIVE_RULES = ['RC-02', 'RC-03', 'RC-12', 'RC-13', 'RC-E4'];
/** Rules whose whole point is a checkpoint inhibitor: only for MSI-H/dMMR. */
const CHECKPOINT_RULES = ['RC-14', 'RC-E3'];
/** Rules that recommend an anti-EGFR antibody as such: only for RAS wild-type. */
const ANTI_EGFR_RULES = ['RC-E4'];

const ANTI_EGFR = /\b(cetuximab|panitumumab|anti-EGFR)\b/i;
const CHECKPOINT = /\b(pembrolizumab|nivolumab|ipilimumab|checkpoint inhibitors?|immunotherapy|PD-1)\b/i;
const INTENSIVE = /\b(m?FOLFOX6?|FOLFIRI|CAPOX|XELOX|FOLFOXIRI|doublets?|triplets?|combination chemotherapy)\b/i;
const BEVACIZUMAB = /\bbevacizumab\b/i;
/**
 * A clause that says not to give something (or not yet): the drug it names is not being recommended.
 * Anything else that names a drug or regimen counts as recommending it: card text names forbidden things
 * only to forbid them.
 */
const NEGATED =
  /\b(not|never|no|nor|contraindicated|avoid|stop|paused?|until|without|instead of|cannot|only (once|after|when|if|with|for))\b|\b(mandatory|required|needed) before\b|n't\b/i;

/** Which card: chart review, or an order hook's card on the drafts being written. */
export type CardKind = 'chart-review' | 'orders';

/**
 * The clauses of a card's text, markdown stripped: summary, detail and suggestion labels. An order card names
 * the drafts it judges at every turn ("Cetuximab ordered with KRAS G12D"), so there only the suggestion labels
 * say what the card recommends ("Cancel bevacizumab, keep cetuximab").
 */
export function clauses(r: Recommendation, kind: CardKind = 'chart-review'): string[] {
  const labels = r.suggestions.map((s) => s.label);
  const texts = kind === 'orders' ? labels : [r.summary, ...r.detail.split('\n'), ...labels];
  return texts
    .map((t) => t.replace(/\*\*|__|`|(^|\s)_|_($|\s)/g, ' ').replace(/^\s*[-*]\s+/, '').trim())
    .flatMap((t) => t.split(/;\s+|:\s+|\.\s+(?=[A-Z])/))
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Words that make a clause a recommendation of what follows them: "keep cetuximab" recommends it too, and so
 * does the "with" of "replace bevacizumab with cetuximab".
 */
const RECOMMENDING = /\b(add|start|give|keep|prefer|preferred|use|consider|offer|choose|switch|continue|resume|recommend\w*)\b|(?<=\breplace\b.*)\bwith\b/i;
/** Words that take back what follows them: "keep bevacizumab, cancel cetuximab", "replace cetuximab with ...", "hold nivolumab". */
const CANCELLING = /\b(cancel\w*|hold|replace|drop|withdraw|discontinue)\b/i;
/** Words that make what follows them the patient's treatment so far ("progression on FOLFOX + cetuximab"). */
const HISTORY = /\b(on|after|since|during|despite|from|received|receiving|given|last)\b/i;

/**
 * The mention is set aside: a precondition still to meet ("confirm RAS wild-type before a BRAF-targeted
 * regimen"), or the thing preferred against ("preferred over the doublet").
 */
const SET_ASIDE = /\b(before|over|rather than|instead of|than)\b/i;
/** A requirement the patient does not meet yet: "..., which needs a RAS wild-type result". */
const REQUIRES_WILD_TYPE = /\b(needs?|requires?)\b.*\bwild-type\b/i;

/** A statement of what is on record, not advice: "Bevacizumab and cetuximab both active". */
const FACT = /\b(active|on record|documented)\.?$/i;

function lastIndex(text: string, re: RegExp): number {
  let last = -1;
  for (const m of text.matchAll(new RegExp(re.source, 'gi'))) last = m.index ?? last;
  return last;
}

/**
 * Does the clause recommend what it names at `at`? Yes, unless the clause is negated, states a wild-type
 * precondition or only what is on record ("... both active"), the mention is set aside ("before", "over"),
 * or its nearest cue is not a recommending verb: "on", "after", "since", "from"... (the treatment so far:
 * "switch from FOLFOX + cetuximab to ...") or "cancel" ("keep bevacizumab, cancel cetuximab"). Card text
 * names forbidden things only to forbid them.
 */
function recommends(cl: string, at: number): boolean {
  if (at < 0 || NEGATED.test(cl) || REQUIRES_WILD_TYPE.test(cl) || FACT.test(cl)) return false;
  const before = cl.slice(0, at);
  if (SET_ASIDE.test(before)) return false;
  return Math.max(lastIndex(before, HISTORY), lastIndex(before, CANCELLING)) <= lastIndex(before, RECOMMENDING);
}

function recommending(r: Recommendation, kind: CardKind, drug: RegExp): string | undefined {
  return clauses(r, kind).find((cl) => recommends(cl, cl.search(drug)));
}

/** Bevacizumab and an anti-EGFR antibody both recommended in one clause, not as alternatives ("A or B"). */
function together(r: Recommendation, kind: CardKind): string | undefined {
  return clauses(r, kind).find((cl) => {
    const a = cl.search(BEVACIZUMAB);
    const b = cl.search(ANTI_EGFR);
    if (a < 0 || b < 0 || !recommends(cl, a) || !recommends(cl, b)) return false;
    const between = cl.slice(Math.min(a, b), Math.max(a, b));
    return !/\bor\b|\//i.test(between);
  });
}

/**
 * The rule that names an anti-EGFR antibody in RAS-mutant disease on purpose: RC-E7, a G12C inhibitor with
 * the anti-EGFR (the documented exception to RC-30).
 */
const ANTI_EGFR_EXCEPTIONS = ['RC-E7'];

/**
 * Every way a recommendation breaks a contraindication: structured data first, then the text. `kind`: chart
 * review (no draft orders, so no action may touch one) or the order hooks (cancelling or rescheduling a draft
 * is the point).
 */
export function violations(recs: readonly Recommendation[], ci: Contraindications, kind: CardKind = 'chart-review'): string[] {
  const out: string[] = [];
  const ids = recs.map((r) => r.ruleId);
  for (const r of recs) {
    for (const a of r.suggestions.flatMap((s) => s.actions)) {
      const onDraft = a.type === 'delete-draft' || a.type === 'reschedule-draft';
      if (onDraft && kind === 'chart-review') out.push(`${r.ruleId} acts on a draft in chart review`);
      if (a.type === 'order-drug' && a.drug === 'bevacizumab' && ids.includes('RC-E5')) out.push(`${r.ruleId} orders bevacizumab next to an active anti-EGFR antibody`);
    }
    if (ci.antiEgfr && !ANTI_EGFR_EXCEPTIONS.includes(r.ruleId)) {
      if (ANTI_EGFR_RULES.includes(r.ruleId)) out.push(`${r.ruleId} fired while ${ci.antiEgfr}`);
      const cl = recommending(r, kind, ANTI_EGFR);
      if (cl && !(ci.g12c && G12C_INHIBITOR.test(cl))) out.push(`${r.ruleId} recommends an anti-EGFR antibody while RAS is not confirmed wild-type (${ci.antiEgfr}): "${cl}"`);
    }
    if (ci.checkpoint) {
      if (CHECKPOINT_RULES.includes(r.ruleId)) out.push(`${r.ruleId} fired while ${ci.checkpoint}`);
      const cl = recommending(r, kind, CHECKPOINT);
      if (cl) out.push(`${r.ruleId} recommends a checkpoint inhibitor while ${ci.checkpoint}: "${cl}"`);
    }
    if (ci.intensive) {
      if (INTENSIVE_RULES.includes(r.ruleId)) out.push(`${r.ruleId} fired at ${ci.intensive}`);
      const cl = recommending(r, kind, INTENSIVE);
      if (cl) out.push(`${r.ruleId} recommends intensive combination therapy at ${ci.intensive}: "${cl}"`);
    }
    if (ci.comfortCare) {
      if (!UNDER_COMFORT_CARE.includes(r.ruleId) && kind === 'chart-review') out.push(`${r.ruleId} fired under ${ci.comfortCare}`);
      const cl = recommending(r, kind, ANTICANCER);
      if (cl) out.push(`${r.ruleId} recommends anticancer therapy under ${ci.comfortCare}: "${cl}"`);
      if (r.suggestions.some((sg) => sg.actions.some((a) => a.type === 'order-drug'))) out.push(`${r.ruleId} orders a drug under ${ci.comfortCare}`);
    }
    const both = together(r, kind);
    if (both) out.push(`${r.ruleId} recommends bevacizumab together with an anti-EGFR antibody: "${both}"`);
  }
  return out;
}
