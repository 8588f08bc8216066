/** Said on every checkpoint-inhibitor card when valid MSI/MMR results disagree. */
export function msiConflictLines(conflict: boolean): string[] {
  return conflict ? ['- MSI/MMR results on file disagree: the MSI-H/dMMR result is used; confirm it on tissue before starting.'] : [];
}
