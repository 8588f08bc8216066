import type { MetastaticSite, PerformanceStatus } from '../../domain/case.js';
import { defineRule, mention, whenAll } from '../rule.js';

interface Data {
  sites: MetastaticSite[];
  potentially: boolean;
  primaryResected: boolean;
  curativeIntentRecorded: boolean;
  performance?: PerformanceStatus;
}

/** RC-08: oligometastatic liver/lung disease the MDT calls (potentially) resectable is treated for cure. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-08',
    title: 'Curative-intent resection pathway',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: 'III-A', seeds: ['001', '002', '003', '004'] },
    trigger: 'Metastases limited to liver and/or lung; latest resectability `resectable` or `potentially-resectable`',
    recommendation:
      'Curative-intent pathway: complete resection of primary and all metastases (synchronous, staged after chemotherapy, or primary first)',
    defaultIndicator: 'info',
    examples: ['V15', 'V22b', 'V43'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['metastases limited to liver and/or lung', () => f.limitedToLiverLung !== undefined],
        ['latest resectability resectable or potentially resectable', () => f.resectabilityStatus === 'resectable' || f.resectabilityStatus === 'potentially-resectable'],
      ],
      () => {
        mention(f.metastaticSites, f.resectability);
        return {
          data: {
            sites: f.limitedToLiverLung ?? [],
            potentially: f.resectabilityStatus === 'potentially-resectable',
            primaryResected: f.primaryResected,
            curativeIntentRecorded: f.curativeIntent !== undefined,
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }) => {
    const sites = data.sites.join(' and ');
    const what = data.primaryResected ? 'all metastases' : 'the primary and all metastases';
    const lines = data.potentially
      ? [`Aim for cure: give conversion systemic therapy, re-stage after 2-3 cycles and re-present at the MDT; the goal is **complete resection of ${what}**.`]
      : [`Aim for cure: **complete resection of ${what}**. The MDT sets the sequence:`];
    if (!data.potentially) {
      if (!data.primaryResected) {
        lines.push(
          '- synchronous resection of primary and metastases,',
          '- staged resection after pre-operative chemotherapy, or',
          '- primary first, then chemotherapy, then metastasectomy.',
        );
      } else {
        lines.push('- metastasectomy, with or without pre-operative chemotherapy.');
      }
      if (!data.curativeIntentRecorded) lines.push('- Record the curative intent in the care plan.');
    }
    lines.push('- Keep total perioperative systemic therapy within 6 months.');
    if (data.performance && data.performance.ecog >= 3) {
      lines.push('', `_ECOG ${data.performance.ecog}: fitness for surgery and chemotherapy is for the MDT to decide._`);
    }
    return {
      summary: data.potentially
        ? `Potentially resectable ${sites} metastases: conversion therapy, aiming for complete resection (curative intent)`
        : `Resectable ${sites} metastases: curative-intent pathway with complete resection of ${what}`,
      detail: lines.join('\n'),
    };
  },
});
