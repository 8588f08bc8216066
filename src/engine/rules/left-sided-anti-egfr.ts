import type { Case } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { geneBasis, rasWildType } from '../facts.js';
import { needsFirstLineTherapy } from './first-line-systemic.js';

/**
 * The palliative first-line setting of PARADIGM (unresectable disease). Around resection of liver metastases
 * cetuximab did harm (New EPOC), so a curative plan or resectable metastases keep the rule silent.
 */
function palliativeSetting(c: Case): boolean {
  return !c.curativeIntent && c.resectability?.value !== 'resectable';
}

/**
 * Anti-EGFR first line needs proof, not absence of evidence: a complete RAS wild-type status (KRAS and NRAS,
 * not exon 2 only), BRAF wild-type and MSS. Any unknown keeps the rule silent.
 */
function rasBrafWildTypeMss(c: Case): boolean {
  const { braf, msi } = c.biomarkers;
  return rasWildType(c, true) && braf.status === 'wild-type' && !braf.v600e && msi.status === 'MSS';
}

/** RC-E4: the rectum is left-sided; for RAS/BRAF wild-type MSS disease doublet + anti-EGFR is preferred first line. */
export const leftSidedAntiEgfr: Rule = {
  id: 'RC-E4',
  title: 'Left-sided RAS/BRAF wild-type: anti-EGFR first line',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: { seeds: [], citation: 'PARADIGM (Watanabe, JAMA 2023); ASCO guideline for metastatic colorectal cancer (2023)' },
  trigger: 'RC-02 applies; RAS (KRAS and NRAS, complete) and BRAF wild-type; MSS; no curative plan and not documented resectable (trial population)',
  recommendation:
    'The rectum is left-sided: doublet + anti-EGFR (cetuximab or panitumumab) is the preferred first line; bevacizumab stays acceptable',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!needsFirstLineTherapy(c) || !palliativeSetting(c) || !rasBrafWildTypeMss(c)) return null;
    const msi = c.biomarkers.msi;
    const primary = c.scope.kind === 'out-of-scope' ? undefined : c.scope.condition;
    return {
      basedOn: [
        { label: 'Primary site', value: 'rectum (left-sided)', date: primary?.date, source: primary },
        geneBasis('KRAS', c.biomarkers.kras),
        geneBasis('NRAS', c.biomarkers.nras),
        geneBasis('BRAF', c.biomarkers.braf),
        { label: 'MSI/MMR', value: 'MSS', date: msi.used?.source.date, source: msi.used?.source },
      ],
    };
  },
  card() {
    return {
      summary: 'Left-sided RAS/BRAF wild-type MSS disease: doublet + anti-EGFR is the preferred first line',
      detail: [
        'Prefer **FOLFOX or FOLFIRI plus panitumumab or cetuximab**: in left-sided RAS wild-type disease it gave longer overall survival than the doublet with bevacizumab.',
        '- Bevacizumab with the doublet remains acceptable.',
        '- Never combine the two antibodies.',
      ].join('\n'),
    };
  },
};
