/** The first-line regimen as RC-02 names it; RC-20, which replaces RC-02 after local treatment, names it too. */
export const FIRST_LINE_REGIMEN_TEXT =
  '**FOLFOX or FOLFIRI** (equivalent efficacy; choose by toxicity profile) **plus a biologic**';
