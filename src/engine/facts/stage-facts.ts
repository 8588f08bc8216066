import type { MetastaticSite } from '../../domain/case.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import { MDT_BEFORE_METASTATIC_DAYS, SYNCHRONOUS_WINDOW_DAYS } from '../thresholds.js';
import type { BasedOn } from '../types.js';
import type { FactDefs } from './fact-types.js';
import { daysBetween, metastaticSitesBasis, procedureBasis, stageBasis } from './wording.js';

/** Stage, metastatic sites, recurrence, resectability, tumour board and treatment intent. */

const CURATIVE_SITES: ReadonlySet<MetastaticSite> = new Set(['liver', 'lung']);

export const stageFacts: FactDefs<
  | 'stage' | 'metastaticSites' | 'liverMetastasis' | 'daysSinceMetastaticDiagnosis' | 'synchronous' | 'primarySite'
  | 'latestMIsM1' | 'localRecurrence' | 'limitedToLiverLung' | 'resectability' | 'resectabilityStatus'
  | 'unresectableOrNotDocumented' | 'conversion' | 'mdtReview' | 'mdtReviewSinceMetastatic' | 'lastMdtAssessment'
  | 'curativeIntent' | 'comfortCare'
> = {
  // A metachronous recurrence is cited as such, never by the stage of the first diagnosis.
  stage: {
    compute: (f) => {
      const recurrence = f.case.metastaticRecurrence;
      if (recurrence) return { label: 'Stage', value: 'IV (metastatic recurrence)', date: recurrence.date, source: recurrence };
      return stageBasis(f.case);
    },
    basis: (v) => [v],
  },
  metastaticSites: {
    compute: (f) => [...new Set(f.case.metastases.map((m) => m.site))],
    basis: (sites, f) => metastaticSitesBasis(sites, f.case.metastaticDiagnosisDate),
  },
  liverMetastasis: {
    compute: (f) => f.case.metastases.find((m) => m.site === 'liver'),
    basis: (m) => (m ? [{ label: 'Metastasis', value: 'liver', date: m.date, source: m.source }] : []),
  },
  daysSinceMetastaticDiagnosis: {
    compute: (f) => (f.case.metastaticDiagnosisDate ? daysBetween(f.case.metastaticDiagnosisDate, f.case.now) : undefined),
    basis: (days, f) =>
      days === undefined ? [] : [{ label: 'Time since metastatic diagnosis', value: `${days} days`, date: f.case.metastaticDiagnosisDate }],
  },
  synchronous: {
    compute: (f) => {
      const met = f.case.metastaticDiagnosisDate;
      const dx = f.case.diagnosisDate;
      if (met === undefined || dx === undefined) return undefined;
      const gap = Math.abs(isoMs(met) - isoMs(dx));
      return Number.isFinite(gap) ? gap <= SYNCHRONOUS_WINDOW_DAYS * DAY_MS : undefined;
    },
    basis: (synchronous, f) =>
      synchronous
        ? [{ label: 'Metastases', value: `synchronous (within ${SYNCHRONOUS_WINDOW_DAYS} days of the rectal cancer diagnosis)`, date: f.case.metastaticDiagnosisDate }]
        : [],
  },
  primarySite: {
    compute: (f) => {
      const primary = f.case.scope.kind === 'out-of-scope' ? undefined : f.case.scope.condition;
      return { label: 'Primary site', value: 'rectum (left-sided)', date: primary?.date, source: primary };
    },
    basis: (v) => [v],
  },
  latestMIsM1: { compute: (f) => f.case.tnm.m !== undefined && /M1/i.test(f.case.tnm.m.value), basis: () => [] },
  localRecurrence: {
    compute: (f) => {
      const c = f.case;
      if (!c.recurrence?.local || !f.primaryResected) return undefined;
      if (c.metastases.length > 0 || f.latestMIsM1) return undefined;
      const resection = f.primaryResection;
      const lines: BasedOn[] = [{ label: 'Rectal cancer', value: 'local recurrence', date: c.recurrence.source.date, source: c.recurrence.source }];
      if (resection) lines.push(procedureBasis('Previous surgery', resection));
      lines.push(c.tnm.m ? { label: 'M category', value: c.tnm.m.value, date: c.tnm.m.source.date, source: c.tnm.m.source } : { label: 'Distant metastases', value: 'none current' });
      return lines;
    },
    basis: (v) => v ?? [],
  },
  limitedToLiverLung: {
    compute: (f) => {
      const sites = f.metastaticSites;
      if (sites.length === 0 || !sites.every((s) => CURATIVE_SITES.has(s))) return undefined;
      return [...sites].sort();
    },
  },
  resectability: {
    compute: (f) => f.case.resectabilityHistory.at(-1),
    basis: (r) => [r ? { label: 'Resectability (MDT)', value: r.value, date: r.source.date, source: r.source } : { label: 'Resectability (MDT)', value: 'not documented' }],
  },
  resectabilityStatus: { compute: (f) => f.resectability?.value ?? 'not-documented' },
  unresectableOrNotDocumented: {
    compute: (f) => f.resectabilityStatus === 'unresectable' || f.resectabilityStatus === 'not-documented',
  },
  conversion: {
    compute: (f) => {
      if (f.resectability?.value !== 'resectable') return undefined;
      const earlier = f.case.resectabilityHistory.slice(0, -1).reverse().find((r) => r.value !== 'resectable');
      return earlier && { label: 'Resectability before therapy', value: earlier.value, date: earlier.source.date, source: earlier.source };
    },
    basis: (v) => (v ? [v] : []),
  },
  mdtReview: {
    compute: (f) => f.case.mdtReviews.at(-1),
    basis: (review) => [review ? { label: 'MDT review', value: 'documented', date: review.date, source: review } : { label: 'MDT review', value: 'none on record' }],
  },
  mdtReviewSinceMetastatic: {
    compute: (f) => {
      const met = f.case.metastaticDiagnosisDate;
      const from = met === undefined ? -Infinity : isoMs(met) - MDT_BEFORE_METASTATIC_DAYS * DAY_MS;
      // An undated review cannot be placed before the metastatic disease: it counts.
      return f.case.mdtReviews.filter((r) => r.date === undefined || !(isoMs(r.date) < from)).at(-1);
    },
    basis: (review, f) => {
      if (review) return [{ label: 'MDT review', value: 'documented', date: review.date, source: review }];
      const older = f.case.mdtReviews.at(-1);
      const since = f.case.metastaticDiagnosisDate ? ` since the metastatic diagnosis (${f.case.metastaticDiagnosisDate.slice(0, 10)})` : '';
      return [
        older
          ? { label: 'MDT review', value: `none${since}; the last one was about the earlier disease`, date: older.date, source: older }
          : { label: 'MDT review', value: 'none on record' },
      ];
    },
  },
  lastMdtAssessment: {
    compute: (f) => [f.resectability?.source.date, f.mdtReview?.date].filter((d): d is string => !!d).sort().at(-1),
    basis: () => [],
  },
  curativeIntent: {
    compute: (f) => f.case.curativeIntent,
    basis: (intent) => (intent ? [{ label: 'Treatment intent', value: 'curative', date: intent.date, source: intent }] : []),
  },
  comfortCare: {
    compute: (f) => f.case.goalsOfCare.comfortCare,
    basis: (care) => (care ? [{ label: 'Goals of care', value: `comfort-focused care: ${care.value}`, date: care.source.date, source: care.source }] : []),
  },
};

