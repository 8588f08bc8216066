import { defineRule, mention, whenAll } from '../rule.js';

/** RC-E4: the rectum is left-sided; for RAS/BRAF wild-type MSS disease doublet + anti-EGFR is preferred first line. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-E4',
    title: 'Left-sided RAS/BRAF wild-type: anti-EGFR first line',
    origin: 'ext',
    hooks: ['patient-view'],
    evidence: { seeds: [], citation: 'PARADIGM (Watanabe, JAMA 2023); ASCO guideline for metastatic colorectal cancer (2023)' },
    trigger: 'RC-02 applies; RAS (KRAS and NRAS, complete) and BRAF wild-type; MSS; no curative plan and not documented resectable (trial population)',
    recommendation:
      'The rectum is left-sided: doublet + anti-EGFR (cetuximab or panitumumab) is the preferred first line; bevacizumab stays acceptable',
    defaultIndicator: 'info',
    examples: ['V07'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['RC-02 applies (untreated, fit or unknown, no obstruction)', () => f.needsFirstLineTherapy],
        // The palliative first-line setting of PARADIGM: around resection of liver metastases cetuximab did harm (New EPOC).
        ['no curative plan and not documented resectable', () => f.curativeIntent === undefined && f.resectabilityStatus !== 'resectable'],
        // Anti-EGFR first line needs proof, not absence of evidence: any unknown keeps the rule silent.
        ['RAS (complete) and BRAF wild-type, MSS', () => f.rasBrafWildTypeMss],
      ],
      () => {
        mention(f.primarySite);
        return { foldsInto: 'RC-02', data: null };
      },
    ),
  card: () => ({
    summary: 'Left-sided RAS/BRAF wild-type MSS disease: doublet + anti-EGFR is the preferred first line',
    detail: [
      'Prefer **FOLFOX or FOLFIRI plus panitumumab or cetuximab**: in left-sided RAS wild-type disease it gave longer overall survival than the doublet with bevacizumab.',
      '- Bevacizumab with the doublet remains acceptable.',
      '- Never combine the two antibodies.',
    ].join('\n'),
  }),
});
