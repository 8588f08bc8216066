import type { ProcedureKind } from '../domain/case.js';
import { CONCEPT, CPT_ABLATION, CPT_LIVER_RESECTION, PRIMARY_RESECTION, SNOMED_COLOSTOMY, SYSTEM } from './codes.js';
import { type KindRule, codeSet } from './concept-reading.js';
import { lexicon, words } from './lexicon.js';

/**
 * Procedure kinds (data conventions, "Procedures"; real-world codes, section 7). SNOMED codes of section 7a
 * are VSAC expansions (V); the CPT codes the conventions list are matched by code (those marked (u) there are
 * kept and flagged); the further CPT codes of section 7b are V2 (third-party descriptor pages) and count only
 * together with matching text. The text lexicons are the conventions' "local order codes" row, widened by the
 * real-world "Procedures from text" list.
 */

const sct = (codes: readonly string[]) => codeSet(SYSTEM.snomed, codes);
const cpt = (codes: readonly string[]) => codeSet(SYSTEM.cpt, codes);
const project = (codes: readonly string[]) => codeSet(SYSTEM.concept, codes);

/** A text that names the liver. */
export const LIVER_WORDS = words('liver', 'hepatic', 'hepat\\w*', 'intrahepatic');
/** Names the lung or chest and not the liver: a lung resection, not a liver one. */
const LUNG_NOT_LIVER = /^(?![\s\S]*(?<![\p{L}\p{N}])(?:liver|hepat\w*)(?![\p{L}\p{N}]))[\s\S]*(?<![\p{L}\p{N}])(?:lungs?|pulmonary|thorac\w*|VATS|pneumonectomy|pleura\w*)(?![\p{L}\p{N}])/iu;
export const LUNG_WORDS = words('lungs?', 'pulmonary', 'thorac\\w*', 'VATS', 'pneumonectomy', '(?:bi)?lobectomy', 'wedge resection');
/** Ablation, embolisation and stents of other organs (heart rhythm, veins, bile ducts...) are not cancer-directed local therapy here. */
const OTHER_ORGAN = words(
  'cardiac', 'heart', 'atrial', 'atrium', 'ventric\\w*', 'AF', 'afib', 'SVT', 'pulmonary veins?', 'endometri\\w*', 'uter\\w*',
  'fibroids?', 'venous', 'veins?', 'varicose', 'saphenous', 'nerves?', 'neur\\w*', 'thyroid', 'prostat\\w*', 'barrett\\w*',
  'o?esophag\\w*', 'biliary', 'bile', 'ureter\\w*', 'coronary', 'carotid', 'iliac', 'bronch\\w*', 'trache\\w*', 'duoden\\w*',
  'pancrea\\w*', 'gastric', 'portal vein', 'TIPS', 'kidneys?', 'renal', 'breast', 'bladder', 'uterine',
);
/** Closing a stoma is not a diversion. */
const STOMA_CLOSURE = words('reversal', 'reversed', 'closure', 'takedown', 'take-down', 'close');

export const PROCEDURE_RULES: readonly KindRule<ProcedureKind>[] = [
  {
    kind: 'primary-resection',
    codes: [
      sct([
        ...PRIMARY_RESECTION.snomed, '314592008', '400988008', '315328007', '174241004', '312406002', '1186912002', '17671008',
        '312497000', '25196007', '11626008', '4336007', '16079003', '395136002', '1258871004', '174240003', '442806002',
        '16564004', '235364003', '303584001', '287784004', '1264200003', '1263735008', '307009004', '72261007',
      ]),
      cpt([...PRIMARY_RESECTION.cpt, '45126']),
      project([CONCEPT.primaryResection]),
    ],
    weakCodes: [cpt(['45112', '45397'])],
    lexicon: lexicon([
      '(?:ultra-?)?low anterior resection', 'anterior resection', 'LAR', 'abdomino-?perineal(?: resection)?', 'APR',
      '(?:total )?proctectomy', 'proctosigmoidectomy', 'TME', 'TaTME', 'total mesorectal excision', 'pelvic exenteration',
      "hartmann'?s?(?: procedure| operation)?", 'TAMIS', 'transanal (?:local |full[- ]thickness )?excision', 'coloanal anastomosis',
    ]),
  },
  {
    kind: 'diversion',
    codes: [sct([...SNOMED_COLOSTOMY, '398740003', '386828002', '387606008']), project([CONCEPT.diversion])],
    lexicon: lexicon(
      ['colostomy', 'ileostomy', 'diversion', 'diverting (?:loop )?(?:stoma|colostomy|ileostomy)', 'defunctioning (?:stoma|colostomy|ileostomy)', 'stoma formation'],
      { unless: STOMA_CLOSURE },
    ),
  },
  {
    kind: 'rectal-stent',
    codes: [project([CONCEPT.rectalStent])],
    lexicon: lexicon(['stent(?:ing|s)?', 'SEMS'], { unless: OTHER_ORGAN }),
  },
  {
    kind: 'liver-resection',
    codes: [
      sct([
        '71273005', '713519000', '85946004', '61326000', '63816008', '74180003', '174430004', '174431000', '307010009',
        '307615003', '897703001', '897702006', '723069003', '15257006',
      ]),
      cpt(CPT_LIVER_RESECTION),
      project([CONCEPT.liverMetastasectomy]),
    ],
    lexicon: lexicon(
      [
        '(?:hemi|tri)?hepatectomy', '(?:partial |segmental |wedge |non-?anatomic(?:al)? |anatomic(?:al)? )?(?:liver|hepatic) resection',
        'resection of (?:the )?liver', '(?:liver )?metastasectomy', 'sectionectomy', '(?:tri)?segmentectomy', 'ALPPS',
        'liver lobectomy', 'lobectomy of (?:the )?liver', 'wedge resection of (?:the )?liver',
      ],
      { unless: LUNG_NOT_LIVER },
    ),
  },
  {
    kind: 'ablation',
    codes: [
      sct([
        '609232008', '709020001', '448540000', '428115007', '427929006', '1255425001', '439368006', '609169001', '426713000',
        '433866007', '448012004', '1256090000', '1258864009',
      ]),
      cpt(CPT_ABLATION),
      project([CONCEPT.ablation]),
    ],
    weakCodes: [cpt(['47370', '47371', '47381', '47383'])],
    lexicon: lexicon(
      ['(?:thermal |radio-?frequency |microwave |cryo-?|laser )?ablation', 'RFA', 'MWA', 'radio-?frequency', 'microwave', 'cryo-?ablation', 'irreversible electroporation'],
      { unless: OTHER_ORGAN },
    ),
  },
  {
    kind: 'radioembolisation',
    codes: [sct(['764677008', '228697004']), project([CONCEPT.radioembolisation])],
    weakCodes: [cpt(['79445'])],
    lexicon: lexicon(['Y-?90', 'yttrium(?:[- ]?90)?', 'radio-?emboli[sz]ation', 'SIRT', 'TARE', 'selective internal radi(?:ation|otherapy)(?: therapy)?']),
  },
  {
    kind: 'embolisation',
    codes: [sct(['314617008']), project([CONCEPT.embolisation])],
    weakCodes: [cpt(['37243'])],
    lexicon: lexicon(
      ['(?:DEB-?)?TACE', 'chemo-?emboli[sz]ation', 'trans-?arterial (?:chemo-?)?emboli[sz]ation', '(?:bland |hepatic (?:arterial |artery )?)?emboli[sz]ation'],
      { unless: OTHER_ORGAN },
    ),
  },
  {
    kind: 'hepatic-arterial-infusion',
    codes: [sct(['720379009']), project([CONCEPT.hai])],
    lexicon: lexicon(['HAI(?: pump)?', 'HAIC', 'hepatic arter(?:y|ial) infusion(?: pump| chemotherapy)?']),
  },
  {
    // Lung resections have no kind of their own: they are other major surgery (organ lung).
    kind: 'other-major-surgery',
    codes: [sct(['173171007', '359623004', '359615001', '173170008', '119000', '444188003'])],
    weakCodes: [cpt(['32480', '32482', '32484', '32505', '32506', '32663', '32666', '32670'])],
    lexicon: lexicon(
      ['(?:bi)?lobectomy', 'wedge resection', 'pneumonectomy', 'VATS', 'thoracotomy', '(?:lung|pulmonary) (?:resection|metastasectomy|segmentectomy)'],
      { unless: LIVER_WORDS },
    ),
  },
];

/** Lung resection codes (other major surgery, organ lung): they clear status-less lung metastases dated before them. */
export const LUNG_RESECTION_CODES = [
  sct(['173171007', '359623004', '359615001', '173170008', '119000', '444188003']),
  cpt(['32480', '32482', '32484', '32505', '32506', '32663', '32666', '32670']),
];
