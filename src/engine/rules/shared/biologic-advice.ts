import type { GeneFinding } from '../../../domain/case.js';
import type { FactBase } from '../../facts/fact-types.js';
import { mutantName } from '../../facts/wording.js';

/**
 * What the later-line cards say about the biologic: never an anti-EGFR antibody unless RAS is wild-type, and no
 * bevacizumab while another rule forbids it (recent or planned surgery, bleeding primary, ...).
 */
export interface BiologicFacts {
  mutant?: GeneFinding;
  wildTypeForAntiEgfr: boolean;
  brafV600e: boolean;
  bevacizumabBlockers: string[];
  /** The first line held an anti-EGFR antibody: bevacizumab is the usual second-line biologic. */
  afterAntiEgfrLine: boolean;
}

/** Given by an anti-EGFR line that is ending: no reason to hold bevacizumab in the next one. */
const EGFR_RUNNING = 'EGFR antibody within 6 weeks';

export function biologicFacts(f: FactBase): BiologicFacts {
  const afterAntiEgfrLine = f.firstLineAntiEgfr;
  return {
    ...(f.rasMutant ? { mutant: f.rasMutant } : {}),
    wildTypeForAntiEgfr: f.rasWildTypeForAntiEgfr,
    brafV600e: f.brafV600e,
    bevacizumabBlockers: f.bevacizumabBlockers.filter((b) => !(afterAntiEgfrLine && b === EGFR_RUNNING)),
    afterAntiEgfrLine,
  };
}

export function biologicLine(b: BiologicFacts, extended: boolean): string {
  const bev = b.bevacizumabBlockers.length === 0 ? 'bevacizumab' : `no bevacizumab for now (${b.bevacizumabBlockers.join(', ')})`;
  if (b.afterAntiEgfrLine && b.bevacizumabBlockers.length === 0) {
    return '- Biologic: **bevacizumab**, the usual second-line biologic after a first line with an anti-EGFR antibody (that line is ending; no second anti-EGFR).';
  }
  if (b.mutant) return `- Biologic: ${bev}; no anti-EGFR antibody (${mutantName(b.mutant)}).`;
  if (b.wildTypeForAntiEgfr) {
    if (extended && b.brafV600e) return `- Biologic: ${bev}; with BRAF V600E an anti-EGFR antibody is given with encorafenib (see RC-E2).`;
    return `- Biologic: ${bev}, or an anti-EGFR antibody if none was given first line (RAS wild-type).`;
  }
  return `- Biologic: ${bev}; an anti-EGFR antibody only after a RAS wild-type result (see RC-04).`;
}
