import type { Case } from '../../domain/case.js';
import type { BasedOn, Firing, Rule, SuggestionSpec } from '../types.js';
import { compact, resectabilityBasis } from '../facts.js';
import { currentLine, onSystemicTherapy } from '../disease-course.js';
import { responseOnCurrentLine } from '../facts-lines.js';
import { locallyAdvanced, pelvicRadiotherapy, pelvicRadiotherapyBasis, procedureBasis } from '../treatment-history.js';

/**
 * Pelvic radiotherapy for the primary in place: RC-17 (pre-operative RT before a planned resection) and RC-18
 * (short course after conversion to resectable disease). A pelvic course already given rules both out
 * (re-irradiation is a specialist question); a planned one means the recommendation is being acted on.
 */

function pelvisUntouched(c: Case): boolean {
  return !c.primaryResected && pelvicRadiotherapy(c, 'done').length === 0 && pelvicRadiotherapy(c, 'planned').length === 0;
}

function shortCourseSuggestion(reason: string, curative: boolean): SuggestionSpec {
  return {
    label: 'Order short-course pelvic RT (25 Gy in 5 fractions)',
    actions: [{ type: 'order-short-course-rt', reason, ...(curative ? { curative: true } : {}) }],
  };
}

function stageLabel(facts: BasedOn[]): string {
  return facts.map((f) => f.value).join(' ');
}

/** RC-17: when the locally advanced primary is to be resected, irradiate before, not after, surgery. */
export const preoperativeRadiotherapy: Rule = {
  id: 'RC-17',
  title: 'Pre-operative pelvic radiotherapy',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002'] },
  trigger:
    'Resection of the primary planned (active non-emergency ServiceRequest) or curative intent documented with the primary in place; cT3-4 or N+; no prior pelvic RT (none planned either)',
  recommendation:
    'Pre-operative (not post-operative) RT: short course 25 Gy/5 fractions, or long course 45-50.4 Gy in 1.8-2 Gy fractions with fluoropyrimidine',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!pelvisUntouched(c)) return null;
    // An emergency resection (obstruction, perforation) leaves no time for pre-operative RT.
    const resection = c.procedures.find((p) => p.kind === 'primary-resection' && p.status === 'planned' && !p.emergency);
    if (!resection && !c.curativeIntent) return null;
    const advanced = locallyAdvanced(c);
    if (advanced.length === 0) return null;
    return {
      basedOn: compact([
        resection ? procedureBasis('Surgery', resection) : undefined,
        c.curativeIntent
          ? { label: 'Treatment intent', value: 'curative', date: c.curativeIntent.date, source: c.curativeIntent }
          : undefined,
        ...advanced,
        pelvicRadiotherapyBasis(c),
      ]),
    };
  },
  card(c, firing) {
    const stage = stageLabel(firing.basedOn.filter((b) => b.label === 'T category' || b.label === 'N category'));
    const lines = [
      'Give pelvic radiotherapy **before**, not after, the rectal resection: it is more effective and less toxic.',
      '- Short course: 25 Gy in 5 fractions over one week.',
      '- Long course: 45-50.4 Gy in 1.8-2 Gy fractions with a fluoropyrimidine.',
    ];
    if (c.synchronous) {
      lines.push('- Synchronous metastases: prefer the short course; long-course chemoradiation up front delays systemic therapy.');
    }
    return {
      summary: `Locally advanced primary (${stage}) to be resected: plan pre-operative pelvic RT (5 x 5 Gy or long-course CRT)`,
      detail: lines.join('\n'),
      // Only where one schedule is preferred (synchronous metastases) is there a single order to suggest.
      suggestions: c.synchronous
        ? [shortCourseSuggestion('pre-operative RT before resection of a locally advanced primary (synchronous metastases)', c.curativeIntent !== undefined)]
        : [],
    };
  },
};

/** The earlier documented resectability that was not `resectable`, when the latest is. */
function conversion(c: Case): BasedOn | undefined {
  if (c.resectability?.value !== 'resectable') return undefined;
  const earlier = c.resectabilityHistory.slice(0, -1).reverse().find((r) => r.value !== 'resectable');
  return earlier && { label: 'Resectability before therapy', value: earlier.value, date: earlier.source.date, source: earlier.source };
}

/** RC-18: metastases converted to resectable by systemic therapy: short-course RT, then chemotherapy continues. */
export const shortCourseAfterConversion: Rule = {
  id: 'RC-18',
  title: 'Short-course RT after conversion',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['004'] },
  trigger:
    'On systemic therapy; latest resectability `resectable` after an earlier `unresectable` or `potentially-resectable`; response (as RC-11); primary in place; no prior pelvic RT (none planned either)',
  recommendation: 'Short-course RT 5x5 Gy then continue chemotherapy; rectal surgery may wait up to 5-6 months after it',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!onSystemicTherapy(c) || !pelvisUntouched(c)) return null;
    const before = conversion(c);
    const responded = responseOnCurrentLine(c); // "response (as RC-11)": on the current line
    if (!before || responded.length === 0) return null;
    const line = currentLine(c);
    return {
      basedOn: compact([
        before,
        resectabilityBasis(c),
        ...responded,
        line ? { label: 'Current line', value: `${line.regimen} (line ${line.number})`, date: line.start } : undefined,
        { label: 'Primary tumour', value: 'in place' },
        pelvicRadiotherapyBasis(c),
      ]),
    };
  },
  card() {
    return {
      summary: 'Metastases now resectable after response: short-course pelvic RT (5 x 5 Gy), then continue chemotherapy',
      // The course belongs to the resection now in view: curative intent, so order rules see it as such.
      suggestions: [shortCourseSuggestion('short-course RT after conversion to resectable metastases; chemotherapy continues', true)],
      detail: [
        'Give short-course radiotherapy to the primary (**25 Gy in 5 fractions**), then continue chemotherapy.',
        '- Rectal surgery can safely wait up to 5-6 months after the short course.',
        '- Plan the order of liver and rectal surgery at the tumour board.',
      ].join('\n'),
    };
  },
};
