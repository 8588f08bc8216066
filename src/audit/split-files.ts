import type { BulkFile } from './bulk-files.js';

/** Files into at most `n` groups of about equal bytes (largest first, each to the lightest group); no empty group. */
export function splitFiles(files: readonly BulkFile[], n: number): BulkFile[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(n, files.length)) }, () => ({ bytes: 0, files: [] as BulkFile[] }));
  for (const f of [...files].sort((a, b) => b.bytes - a.bytes)) {
    const lightest = groups.reduce((min, g) => (g.bytes < min.bytes ? g : min));
    lightest.files.push(f);
    lightest.bytes += f.bytes;
  }
  return groups.map((g) => g.files.sort((a, b) => (a.name < b.name ? -1 : 1)));
}
