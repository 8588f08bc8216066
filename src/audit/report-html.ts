import type { AuditSummary } from './summary.js';
import { barChart, escapeXml, histogram } from './svg-charts.js';

/** Bar labels fit their column (the table below has the full titles). */
const short = (s: string): string => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
const pct = (r: number): string => `${(r * 100).toFixed(1)}%`;
const INDICATOR_COLOUR = { critical: '#b3261e', warning: '#b26a00', info: '#2f6f9f' } as const;

function mainIndicator(r: AuditSummary['rules'][number]): keyof typeof INDICATOR_COLOUR {
  return r.critical > 0 ? 'critical' : r.warning > 0 ? 'warning' : 'info';
}

/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the counts of
 * `summary.json`, a bar per rule and the distribution of days untreated. Counts only: no patient id.
 */
export function renderReport(s: AuditSummary): string {
  const ruleBars = barChart(
    s.rules.map((r) => ({ label: short(`${r.ruleId} ${r.title}`), value: r.patients, text: `${r.patients} (${pct(r.rate)})`, colour: INDICATOR_COLOUR[mainIndicator(r)] })),
    { title: 'Patients per rule' },
  );
  const dqBars = barChart(
    s.dataQuality.map((d) => ({ label: d.reason, value: d.patients, text: `${d.patients} (${pct(d.rate)})`, colour: '#6b6b6b' })),
    { title: 'Cannot evaluate (data quality)' },
  );
  const untreated = histogram(s.untreated.days, { title: 'Days since metastatic diagnosis, stage IV without systemic therapy', binSize: 7, xLabel: 'days since metastatic diagnosis (untreated)', threshold: 42 });
  const rows = s.rules
    .map((r) => `<tr><td>${escapeXml(r.ruleId)}</td><td>${escapeXml(r.title)}</td><td class="n">${r.patients}</td><td class="n">${pct(r.rate)}</td><td class="n">${r.critical}</td><td class="n">${r.warning}</td><td class="n">${r.info}</td></tr>`)
    .join('');
  const invalid = s.input.invalid
    .slice(0, 50)
    .map((l) => `<li>${escapeXml(l.file)} line ${l.line}: ${escapeXml(l.reason)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Population audit ${escapeXml(s.auditDate)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:820px;color:#1d1d1d;padding:0 12px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}.n{text-align:right}
.kpi{display:flex;flex-wrap:wrap;gap:10px}.kpi div{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:120px}.kpi b{display:block;font-size:20px}
svg .lbl{font:12px system-ui,sans-serif;fill:#222}svg .val{font:11px system-ui,sans-serif;fill:#444}
.warn{color:#b3261e}
</style></head><body>
<h1>Population audit: stage IV rectal cancer, ${escapeXml(s.auditDate)}</h1>
<p>Rule set ${escapeXml(s.ruleSet)}; the same mapping and rules as the patient-view cards, judged as of the audit date. This report holds counts only; <code>findings.ndjson</code> and <code>findings.csv</code> next to it name patients (PHI).</p>
<div class="kpi">
<div><b>${s.patientsAudited}</b>patients audited</div>
<div><b>${s.inScope}</b>rectal cancer in scope</div>
<div><b>${s.stageIV}</b>stage IV</div>
<div><b>${s.patientsWithGaps}</b>with a finding</div>
<div><b>${s.untreated.patients}</b>stage IV untreated</div>
</div>
${s.input.invalidLines > 0 ? `<p class="warn"><b>Partial input:</b> ${s.input.invalidLines} line(s) could not be read and are not in this report.</p><ul>${invalid}</ul>` : '<p>Every line of the input was read.</p>'}
<h2>Findings per rule (patients, share of the in-scope patients)</h2>
${ruleBars}
<table><thead><tr><th>Rule</th><th>Title</th><th class="n">Patients</th><th class="n">Rate</th><th class="n">Critical</th><th class="n">Warning</th><th class="n">Info</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Cannot evaluate (data quality, not care gaps)</h2>
${dqBars}
<h2>Stage IV without systemic therapy: days since metastatic diagnosis</h2>
<p>${s.untreated.patients} patient(s)${s.untreated.medianDays !== undefined ? `, median ${s.untreated.medianDays} days` : ''}; ${s.untreated.over42Days} beyond six weeks.</p>
${untreated}
<h2>Input</h2>
<p>${s.input.files} file(s), ${(s.input.bytes / 1e6).toFixed(1)} MB, ${s.input.lines} lines (${s.input.linesSkippedUnparsed} of out-of-scope patients passed over unparsed), ${s.input.unattributedResources} resource(s) naming no patient; ${s.workers} thread(s), ${(s.durationMs / 1000).toFixed(1)} s.</p>
</body></html>
`;
}
