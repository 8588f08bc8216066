import { createHash } from 'node:crypto';

/**
 * The rule catalogue as HTML for people (card `source.url` and the SMART app's rule links open it in a
 * browser): one page per rule with its trigger, recommendation, evidence, sources and thresholds, and an index.
 * Server-rendered, no script; every value is escaped. The JSON form is `describe()` in `rules-routes.ts`.
 */
export interface RulePageData {
  id: string;
  title: string;
  origin: 'seed' | 'ext';
  hooks: readonly string[];
  trigger: string;
  recommendation: string;
  indicator: 'info' | 'warning' | 'critical';
  needsStageIV: boolean;
  evidence: { level?: string; seeds: readonly { id: string; title?: string }[]; citation?: string };
  thresholds: readonly { name: string; value: string; meaning: string }[];
  suppresses: readonly string[];
  suppressedBy: readonly string[];
}

const STYLE = `
:root { --ink: #17202a; --muted: #4b5563; --line: #d4dae1; --info: #0b5cad; --warning: #8f4a00; --critical: #b3261e;
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; font-size: 16px; line-height: 1.45;
  color: var(--ink); background: #f3f5f7; }
body { margin: 0; }
main { max-width: 860px; margin: 0 auto; padding: 16px 20px 32px; background: #fff; min-height: 100vh; }
a { color: var(--info); }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
h1 { font-size: 1.4rem; margin: 4px 0 8px; }
h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 20px 0 6px; }
p { margin: 6px 0; }
.crumbs { font-size: .9rem; margin: 0; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: .8rem; font-weight: 700; color: #fff; background: var(--info); }
.badge--warning { background: var(--warning); }
.badge--critical { background: var(--critical); }
.meta { color: var(--muted); margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
td:first-child { white-space: nowrap; }
thead th { font-size: .8rem; color: var(--muted); text-transform: uppercase; }
code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .9em; }
.note { color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); margin-top: 24px; padding-top: 8px; }
`;

/** The CSP hash of the inline style: the pages load nothing else and run no script. */
export const RULE_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const INDICATOR_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)} · rectal-cds</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="note">Decision support, not a decision: the rule restates a guideline for the treating clinician, who decides.
The same facts as JSON: this address with <code>Accept: application/json</code>.</p>
</main>
</body>
</html>
`;
}

const ruleLink = (base: string, id: string) => `<a href="${esc(`${base}/${encodeURIComponent(id)}`)}">${esc(id)}</a>`;

function seedsList(d: RulePageData): string {
  if (d.evidence.seeds.length === 0) return 'none';
  return d.evidence.seeds.map((s) => `${esc(s.title ?? 'unknown source')} [seed ${esc(s.id)}]`).join('; ');
}

function thresholdTable(thresholds: RulePageData['thresholds']): string {
  const rows = thresholds.map((t) => `<tr><td><code>${esc(t.name)}</code></td><td>${esc(t.value)}</td><td>${esc(t.meaning)}</td></tr>`).join('\n');
  return `<table><thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function thresholdsSection(d: RulePageData, shared: RulePageData['thresholds']): string {
  const own = d.thresholds.length > 0 ? thresholdTable(d.thresholds) : '<p>No design threshold is named for this rule.</p>';
  const common = shared.length > 0 ? `<p>Behind the facts every rule reads (an active line, a CEA rise or response):</p>\n${thresholdTable(shared)}` : '';
  return own + common;
}

/**
 * One rule; `base` is the path the rule pages are served under (`/rules`), `shared` the thresholds that shape
 * the case facts all rules read.
 */
export function rulePage(d: RulePageData, base: string, shared: RulePageData['thresholds'] = []): string {
  const resolution = [
    d.suppresses.length > 0 ? `<p>When it fires, it replaces ${d.suppresses.map((id) => ruleLink(base, id)).join(', ')}.</p>` : '',
    d.suppressedBy.length > 0 ? `<p>Replaced by ${d.suppressedBy.map((id) => ruleLink(base, id)).join(', ')} when that rule fires.</p>` : '',
  ].join('');
  return page(
    `${d.id}: ${d.title}`,
    `<p class="crumbs"><a href="${esc(base)}">All rules</a></p>
<h1 id="rule-title">${esc(d.id)}: ${esc(d.title)}</h1>
<p class="meta"><span class="badge badge--${d.indicator}" data-indicator="${d.indicator}">${INDICATOR_LABEL[d.indicator]}</span>
${d.origin === 'ext' ? 'Beyond the seed texts (current standard of care; off with RULE_SET=seed-only)' : 'From the seed texts'} ·
hooks: ${d.hooks.map(esc).join(', ')} · ${d.needsStageIV ? 'stage IV rectal cancer' : 'recurrent rectal cancer, stage IV not needed'}</p>
<h2>Trigger</h2>
<p data-field="trigger">${esc(d.trigger)}</p>
<h2>Recommendation</h2>
<p data-field="recommendation">${esc(d.recommendation)}</p>
<h2>Evidence and sources</h2>
<dl class="facts" data-field="evidence">
<dt>Level</dt><dd>${esc(d.evidence.level ?? 'not graded')}</dd>
<dt>Seed texts</dt><dd>${seedsList(d)}</dd>
${d.evidence.citation ? `<dt>Citation</dt><dd>${esc(d.evidence.citation)}</dd>` : ''}
</dl>
<h2>Thresholds</h2>
<div data-field="thresholds">${thresholdsSection(d, shared)}</div>
${resolution ? `<h2>Resolution</h2>\n${resolution}` : ''}`,
  );
}

/** Every rule, linked. */
export function ruleIndexPage(ds: readonly RulePageData[], base: string): string {
  const rows = ds
    .map(
      (d) =>
        `<tr><td>${ruleLink(base, d.id)}</td><td>${esc(d.title)}</td><td><span class="badge badge--${d.indicator}">${INDICATOR_LABEL[d.indicator]}</span></td><td>${d.hooks.map(esc).join(', ')}</td><td>${esc(d.evidence.level ?? '-')}</td></tr>`,
    )
    .join('\n');
  return page(
    'Rules',
    `<h1>Rules of the stage IV rectal cancer service</h1>
<p>Every card names its rule; each rule page says when it fires, what it recommends, its evidence, sources and thresholds.</p>
<table><thead><tr><th scope="col">Rule</th><th scope="col">Title</th><th scope="col">Indicator</th><th scope="col">Hooks</th><th scope="col">Level</th></tr></thead>
<tbody>
${rows}
</tbody></table>`,
  );
}
