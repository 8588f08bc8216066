/** The seed texts in `shared/seeds/`, by number, as cards cite them. */
export const SEEDS: Readonly<Record<string, string>> = {
  '000': 'Patient guide: treatment for stage IV and metastatic rectal cancer',
  '001': 'WebMD: stage IV and recurrent rectal cancer',
  '002': 'Guideline summary: management of stage IV rectal cancer',
  '003': 'PDQ (via WebMD): stage IV and recurrent rectal cancer',
  '004': 'Guideline summary: stage IV rectal adenocarcinoma (cT4bN1M1)',
};

export function seedLabel(seed: string): string {
  return `${seed} (${SEEDS[seed] ?? 'unknown source'})`;
}
