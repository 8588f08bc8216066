/// <reference lib="dom" />
import type { Resource } from 'fhir/r4.js';
import type { FactBase } from '../engine/facts/fact-types.js';
import type { RuleExplanation } from '../engine/explain.js';
import type { ComposedCard } from '../engine/compose.js';
import type { Recommendation } from '../engine/types.js';
import { biomarkerRows } from './biomarker-model.js';
import { buildCeaPlot } from './cea-plot-model.js';
import { h, replaceChildren } from './dom.js';
import type { QueryFailure } from './load-record.js';
import { buildOverview } from './overview-model.js';
import { renderBiomarkers } from './render-biomarkers.js';
import { renderCeaPanel } from './render-cea-plot.js';
import { renderBanner, renderOverview } from './render-overview.js';
import { recordNamer } from './record-names.js';
import { renderRecommendations } from './render-recommendations.js';
import { renderTimeline } from './render-timeline.js';
import { renderWhyNot } from './render-why-not.js';
import { buildTimeline } from './timeline-model.js';

export interface PageData {
  /** The facts of the evaluation the recommendations came from. */
  facts: FactBase;
  resources: readonly Resource[];
  recs: readonly Recommendation[];
  /** The recommendations as the EHR's cards hold them (the service's card layout). */
  cards: readonly ComposedCard[];
  /** Every rule's verdict (the "why not?" panel). */
  explanations: readonly RuleExplanation[];
  now: Date;
  fhirServer: string;
  fromRule?: string;
}

function els(): { banner: HTMLElement; main: HTMLElement } {
  const banner = document.getElementById('banner');
  const main = document.getElementById('main');
  if (!banner || !main) throw new Error('page skeleton missing');
  return { banner, main };
}

function setState(main: HTMLElement, state: 'loading' | 'ready' | 'error', patientId?: string): void {
  main.dataset['state'] = state;
  if (patientId) main.dataset['patientId'] = patientId;
  main.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
}

export function renderLoading(message: string): void {
  const { main } = els();
  setState(main, 'loading');
  replaceChildren(main, h('p', { class: 'status', role: 'status' }, message));
}

/** Something stopped the page: say what, and show no partial summary. */
export function renderError(title: string, lines: readonly string[] = []): void {
  const { main } = els();
  setState(main, 'error');
  replaceChildren(
    main,
    h(
      'div',
      { class: 'alert', role: 'alert' },
      h('h2', {}, title),
      lines.length > 0 ? h('ul', {}, lines.map((l) => h('li', {}, l))) : null,
    ),
  );
}

export function renderFailures(failures: readonly QueryFailure[]): void {
  renderError(
    'Part of the record could not be read, so nothing is summarised',
    failures.map((f) => `${f.key}: ${f.reason}`),
  );
}

export function renderPage(d: PageData): void {
  const { banner, main } = els();
  const overview = buildOverview(d.facts, d.resources, d.now);
  const severe = d.recs.filter((r) => r.indicator !== 'info').length;
  replaceChildren(
    banner,
    renderBanner(overview, d.facts.case.patientId),
    d.recs.length > 0
      ? h(
          'a',
          { class: 'recs-link', href: '#recs' },
          `${d.recs.length} recommendation${d.recs.length === 1 ? '' : 's'}${severe > 0 ? `, ${severe} warning or critical` : ''}`,
        )
      : null,
    d.fromRule && d.recs.some((r) => r.ruleId === d.fromRule)
      ? h('a', { class: 'from-card', href: `#rec-${d.fromRule}` }, `Opened from the ${d.fromRule} card: go to it`)
      : null,
  );
  const rulesBase = new URL('../rules/', window.location.href);
  const emptyRecs = overview.scopeNotice ?? 'No recommendation applies to this record today.';
  const name = recordNamer(d.resources);
  replaceChildren(
    main,
    h(
      'div',
      { class: 'grid' },
      renderOverview(overview, name),
      renderBiomarkers(biomarkerRows(d.facts.case.biomarkers), name),
      renderCeaPanel(d.facts.cea, (width) => buildCeaPlot(d.facts.cea, d.facts.lines, d.now, width), name),
      renderTimeline(buildTimeline(d.facts, d.now), name),
      renderRecommendations(d.cards, rulesBase, d.fromRule, emptyRecs, name),
      renderWhyNot(d.explanations, rulesBase),
    ),
    h(
      'p',
      { class: 'provenance' },
      `Read from ${d.fhirServer} at ${d.now.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${d.resources.length} records. `,
      'Decision support, not a decision: the recommendations restate the guideline for the treating clinician.',
    ),
  );
  setState(main, 'ready', d.facts.case.patientId);
}
