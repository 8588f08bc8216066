import { defineRule, whenAll } from '../rule.js';

/** RC-23: for a locally advanced recurrence, the RT history decides between induction CRT and intra-operative RT. */
export const rule = defineRule<{ irradiated: boolean }>({
  meta: {
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
    examples: ['V29', 'V30'],
  },
  match: (f) =>
    whenAll(f, [['local recurrence after resection of the primary, no current distant metastasis', () => f.localRecurrence !== undefined]], () => ({
      data: { irradiated: f.pelvicRtDone.length > 0 },
    })),
  card: ({ data: { irradiated } }) => {
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
      detail: [`${advanced} give **induction chemoradiation** first.`, '- It may make the recurrence resectable and allow sphincter preservation.'].join('\n'),
    };
  },
});
