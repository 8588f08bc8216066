import type { Case, MetastaticSite } from '../../domain/case.js';
import type { BasedOn, Firing, Rule } from '../types.js';
import { compact, isoDay, metastasesBasis, resectabilityBasis } from '../facts.js';
import { currentLine, onSystemicTherapy } from '../disease-course.js';
import { latestDate, lineBasis, lineName, responseOnCurrentLine } from '../facts-lines.js';

/** Resection with curative intent: RC-08 (the curative pathway) and RC-11 (re-present after a response). */

const CURATIVE_SITES: ReadonlySet<MetastaticSite> = new Set(['liver', 'lung']);

/** Current metastases limited to liver and/or lung (none at all does not qualify). */
function limitedToLiverLung(c: Case): MetastaticSite[] | undefined {
  const sites = [...new Set(c.metastases.map((m) => m.site))];
  if (sites.length === 0 || !sites.every((s) => CURATIVE_SITES.has(s))) return undefined;
  return sites.sort();
}

/** RC-08: oligometastatic liver/lung disease the MDT calls (potentially) resectable is treated for cure. */
export const curativeResectionPathway: Rule = {
  id: 'RC-08',
  title: 'Curative-intent resection pathway',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { level: 'III-A', seeds: ['001', '002', '003', '004'] },
  trigger: 'Metastases limited to liver and/or lung; latest resectability `resectable` or `potentially-resectable`',
  recommendation:
    'Curative-intent pathway: complete resection of primary and all metastases (synchronous, staged after chemotherapy, or primary first)',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const r = c.resectability?.value;
    if (!limitedToLiverLung(c) || (r !== 'resectable' && r !== 'potentially-resectable')) return null;
    return {
      basedOn: compact([
        metastasesBasis(c),
        resectabilityBasis(c),
        c.curativeIntent ? { label: 'Treatment intent', value: 'curative', date: c.curativeIntent.date, source: c.curativeIntent } : undefined,
      ]),
    };
  },
  card(c) {
    const sites = (limitedToLiverLung(c) ?? []).join(' and ');
    const what = c.primaryResected ? 'all metastases' : 'the primary and all metastases';
    const potentially = c.resectability?.value === 'potentially-resectable';
    const lines = potentially
      ? [
          `Aim for cure: give conversion systemic therapy, re-stage after 2-3 cycles and re-present at the MDT; the goal is **complete resection of ${what}**.`,
        ]
      : [`Aim for cure: **complete resection of ${what}**. The MDT sets the sequence:`];
    if (!potentially) {
      if (!c.primaryResected) {
        lines.push(
          '- synchronous resection of primary and metastases,',
          '- staged resection after pre-operative chemotherapy, or',
          '- primary first, then chemotherapy, then metastasectomy.',
        );
      } else {
        lines.push('- metastasectomy, with or without pre-operative chemotherapy.');
      }
      if (!c.curativeIntent) lines.push('- Record the curative intent in the care plan.');
    }
    lines.push('- Keep total perioperative systemic therapy within 6 months.');
    if (c.performance && c.performance.ecog >= 3) {
      lines.push('', `_ECOG ${c.performance.ecog}: fitness for surgery and chemotherapy is for the MDT to decide._`);
    }
    return {
      summary: potentially
        ? `Potentially resectable ${sites} metastases: conversion therapy, aiming for complete resection (curative intent)`
        : `Resectable ${sites} metastases: curative-intent pathway with complete resection of ${what}`,
      detail: lines.join('\n'),
    };
  },
};

/** Latest MDT look at resectability: the resectability record or the MDT review, whichever is newer. */
function lastMdtAssessment(c: Case): string | undefined {
  return [c.resectability?.source.date, c.mdtReview?.date].filter((d): d is string => !!d).sort().at(-1);
}

/** RC-11: a response in (potentially) unresectable disease reopens the question of resection. */
export const conversionReview: Rule = {
  id: 'RC-11',
  title: 'Response: re-present for conversion',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002', '003', '004'] },
  trigger:
    'Latest resectability `unresectable` or `potentially-resectable`; on systemic therapy; response (disease status improved, or CEA fallen to <= 50% of the pre-treatment baseline) documented after the last MDT assessment',
  recommendation: 'Re-present to the MDT for conversion to resection or local therapy',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const r = c.resectability?.value;
    const line = currentLine(c);
    if ((r !== 'unresectable' && r !== 'potentially-resectable') || !line || !onSystemicTherapy(c)) return null;
    const resp = responseOnCurrentLine(c);
    if (resp.length === 0) return null;
    // Already re-presented: the MDT looked at resectability on or after the response.
    const responded = latestDate(resp);
    const assessed = lastMdtAssessment(c);
    if (responded && assessed && isoDay(assessed) >= isoDay(responded)) return null;
    const basedOn: BasedOn[] = [resectabilityBasis(c), lineBasis(line), ...resp];
    return { basedOn };
  },
  card(c) {
    const line = currentLine(c);
    const regimen = line ? lineName(line) : 'systemic therapy';
    const was = c.resectability?.value === 'potentially-resectable' ? 'potentially resectable' : 'unresectable';
    return {
      summary: `Response on ${regimen} in ${was} disease: re-present at the MDT for resection or local therapy`,
      detail: [
        `The metastases were called **${was}** before this response: **re-present at the tumour board** to reconsider resection or local therapy (ablation, radiotherapy).`,
        '- Patients converted to resectable disease reach 5-year survival similar to those resectable from the start.',
      ].join('\n'),
    };
  },
};
