import type { Case } from '../../domain/case.js';
import type { BasedOn, Firing, Rule } from '../types.js';
import { compact } from '../facts.js';
import { latestMIsM1, pelvicRadiotherapy, pelvicRadiotherapyBasis, procedureBasis } from '../treatment-history.js';

/**
 * Local (pelvic) recurrence after resection of the primary, with no current distant metastasis: RC-22
 * (surgical assessment) and RC-23 (how to make it resectable, by the RT history). These two rules need no
 * stage IV: they are about recurrent, not metastatic, disease.
 */

function localRecurrenceBasis(c: Case): BasedOn[] | null {
  if (!c.recurrence?.local || !c.primaryResected) return null;
  if (c.metastases.length > 0 || latestMIsM1(c)) return null;
  const resection = [...c.procedures].reverse().find((p) => p.kind === 'primary-resection' && p.status === 'done');
  return compact([
    { label: 'Rectal cancer', value: 'local recurrence', date: c.recurrence.source.date, source: c.recurrence.source },
    resection ? procedureBasis('Previous surgery', resection) : undefined,
    c.tnm.m
      ? { label: 'M category', value: c.tnm.m.value, date: c.tnm.m.source.date, source: c.tnm.m.source }
      : { label: 'Distant metastases', value: 'none current' },
  ]);
}

/** RC-22: a local recurrence after resection may be resectable again. */
export const localRecurrenceSurgery: Rule = {
  id: 'RC-22',
  title: 'Local recurrence: surgical assessment',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['001', '003'] },
  withoutStageIV: true,
  trigger: 'Local (pelvic) recurrence after resection of the primary; no current distant metastasis',
  recommendation: 'Surgical assessment: repeat LAR/coloanal, APR or pelvic exenteration',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const basedOn = localRecurrenceBasis(c);
    return basedOn && { basedOn };
  },
  card() {
    return {
      summary: 'Local pelvic recurrence after resection, no distant disease: refer for surgical assessment',
      detail: [
        'Resection of a local recurrence can give long-term disease-free survival.',
        '- Options: repeat low anterior resection with coloanal anastomosis, abdominoperineal resection, or posterior or total pelvic exenteration.',
        '- Assess at a tumour board with pelvic surgical expertise.',
      ].join('\n'),
    };
  },
};

/** RC-23: for a locally advanced recurrence, the RT history decides between induction CRT and intra-operative RT. */
export const localRecurrenceRadiotherapy: Rule = {
  id: 'RC-23',
  title: 'Local recurrence: radiotherapy by RT history',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['001', '003'] },
  withoutStageIV: true,
  trigger: 'RC-22 applies; the branch follows the pelvic RT history',
  recommendation:
    'For locally advanced recurrence: no prior pelvic RT: induction chemoradiation may make it resectable; prior pelvic RT: consider intra-operative RT at surgery',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const basedOn = localRecurrenceBasis(c);
    return basedOn && { basedOn: [...basedOn, pelvicRadiotherapyBasis(c)] };
  },
  card(c) {
    const irradiated = pelvicRadiotherapy(c, 'done').length > 0;
    const advanced = 'If locally advanced (pelvic side wall, sacrum or adjacent organs):';
    if (irradiated) {
      return {
        summary: 'Pelvic recurrence after prior pelvic RT: consider intra-operative radiotherapy at surgery',
        detail: [
          `${advanced} the pelvis has already been irradiated, so consider **intra-operative radiotherapy** at resection.`,
          '- It may improve local control with acceptable morbidity.',
        ].join('\n'),
      };
    }
    return {
      summary: 'Pelvic recurrence, pelvis not irradiated: induction chemoradiation may make it resectable',
      detail: [
        `${advanced} give **induction chemoradiation** first.`,
        '- It may make the recurrence resectable and allow sphincter preservation.',
      ].join('\n'),
    };
  },
};
