/// <reference lib="dom" />
import type { Bundle, Condition, FhirResource, Patient } from 'fhir/r4.js';
import type { Card, Link, ServiceDefinition } from '../../hooks/cds-types.js';
import { h, replaceChildren } from '../../smart/dom.js';
import { encodeLaunch, launchUrlFor } from '../launch-context.js';
import { chartBanner } from './chart-banner.js';
import { callHook, CdsCallError, discover, fhirBase, getJson, sendFeedback, serviceFor } from './cds-client.js';
import { renderCardList, type CardHandlers } from './render-cards.js';

/**
 * The demo EHR (demo mode, `/`): pick a demo patient, see the patient-view cards, launch the SMART app in a side
 * panel (a real EHR launch against the demo authorization server), and try order-sign with sample drafts.
 * It only calls the service's real endpoints; every clinical statement on the page comes from them.
 */
interface DemoPatient {
  patientId: string;
  scenario: string;
  title: string;
}
interface SampleOrderSet {
  id: string;
  label: string;
  orders: FhirResource[];
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

function message(err: unknown): string {
  if (err instanceof CdsCallError) return `The service answered ${err.status}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

let services: ServiceDefinition[] = [];
let current: string | undefined;

/** EHR launch: the EHR opens the app's launch URL with its FHIR base (`iss`) and a launch context. */
function launchSmartApp(patientId: string, link?: Link): void {
  const url = launchUrlFor(link?.url, new URL(window.location.href));
  url.searchParams.set('iss', fhirBase());
  url.searchParams.set('launch', encodeLaunch({ patient: patientId, ...(link?.appContext ? { appContext: link.appContext } : {}) }));
  const panel = byId('smart-panel');
  byId<HTMLIFrameElement>('smart-frame').src = url.href;
  byId<HTMLAnchorElement>('smart-newtab').href = url.href;
  panel.hidden = false;
  byId('smart-close').focus();
}

/**
 * A card the clinician has acted on (accepted a suggestion, or dismissed it) is settled: its suggestion and
 * dismiss controls are switched off, so no second, contradicting feedback can be sent. Details and links stay.
 */
function settle(card: Card, state: 'accepted' | 'dismissed'): void {
  const article = document.querySelector(`[data-uuid="${CSS.escape(card.uuid ?? '')}"]`);
  if (!article) return;
  article.classList.add(`card--${state}`);
  article.setAttribute('data-state', state);
  article.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button[data-suggestion], .card-dismiss button, .card-dismiss select').forEach((control) => {
    control.disabled = true;
  });
}

function handlersFor(service: ServiceDefinition, patientId: string): CardHandlers {
  const status = (card: Card, text: string) => {
    const el = document.querySelector(`[data-uuid="${CSS.escape(card.uuid ?? '')}"] .card-status`);
    if (el) el.textContent = text;
  };
  return {
    onSuggestion(card, i) {
      const s = card.suggestions?.[i];
      if (!s) return;
      settle(card, 'accepted');
      status(card, `Accepted: ${s.label}. (The demo EHR writes nothing.)`);
      if (card.uuid && s.uuid) {
        sendFeedback(service, { card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: s.uuid }] }).catch((e: unknown) => status(card, message(e)));
      }
    },
    onSmartLink(_card, link) {
      launchSmartApp(patientId, link);
    },
    onDismiss(card, reasonCode) {
      const reason = card.overrideReasons?.find((r) => r.code === reasonCode);
      settle(card, 'dismissed');
      status(card, `Dismissed${reason ? `: ${reason.display ?? reason.code}` : ''}.`);
      if (card.uuid) {
        sendFeedback(service, { card: card.uuid, outcome: 'overridden', ...(reason ? { overrideReason: { reason } } : {}) }).catch((e: unknown) => status(card, message(e)));
      }
    },
  };
}

async function showBanner(patientId: string): Promise<void> {
  const banner = byId('chart-banner');
  const launch = h('button', { type: 'button', class: 'btn btn--smart', id: 'launch-smart' }, 'Launch SMART app');
  launch.addEventListener('click', () => launchSmartApp(patientId));
  try {
    const id = encodeURIComponent(patientId);
    const [patient, problems] = await Promise.all([getJson<Patient>(`fhir/Patient/${id}`), getJson<Bundle>(`fhir/Condition?patient=${id}`)]);
    const conditions = (problems.entry ?? []).map((e) => e.resource).filter((r): r is Condition => r?.resourceType === 'Condition');
    const b = chartBanner(patient, conditions, new Date());
    replaceChildren(
      banner,
      h(
        'div',
        { class: 'banner-who' },
        h('h2', { id: 'chart-name' }, b.name),
        h('p', { class: 'muted', id: 'chart-demographics' }, `${b.demographics} · `, h('span', { title: 'Patient id in the EHR' }, patientId)),
        b.diagnosis
          ? h(
              'p',
              { class: 'chart-diagnosis', id: 'chart-diagnosis', title: b.diagnosis.id },
              h('strong', {}, 'Diagnosis: '),
              b.diagnosis.text,
              b.diagnosis.since ? ` (since ${b.diagnosis.since})` : '',
            )
          : h('p', { class: 'chart-diagnosis muted', id: 'chart-diagnosis' }, 'No diagnosis on the problem list'),
        b.otherProblems.length > 0 ? h('p', { class: 'muted chart-problems' }, `Also on the problem list: ${b.otherProblems.join('; ')}`) : null,
      ),
      launch,
    );
  } catch (err) {
    replaceChildren(banner, h('p', { class: 'error', role: 'alert' }, message(err)));
  }
}

async function showPatientView(patientId: string): Promise<void> {
  const box = byId('pv-cards');
  const service = serviceFor(services, 'patient-view');
  if (!service) return replaceChildren(box, h('p', { class: 'error' }, 'The service publishes no patient-view hook.'));
  replaceChildren(box, h('p', { class: 'muted', role: 'status' }, 'Asking the CDS service…'));
  try {
    const cards = await callHook(service, { patientId });
    if (current !== patientId) return;
    box.dataset['loaded'] = patientId;
    replaceChildren(box, renderCardList(cards, handlersFor(service, patientId), 'No cards for this patient.'));
  } catch (err) {
    replaceChildren(box, h('p', { class: 'error', role: 'alert' }, message(err)));
  }
}

async function showOrderSign(patientId: string): Promise<void> {
  const section = byId('order-sign');
  const service = serviceFor(services, 'order-sign');
  section.hidden = !service;
  if (!service) return;
  const form = byId('order-sets');
  const result = byId('sign-cards');
  replaceChildren(result);
  const { sets } = await getJson<{ sets: SampleOrderSet[] }>(`demo-ehr/sample-orders?patient=${encodeURIComponent(patientId)}`);
  replaceChildren(
    form,
    h('legend', {}, 'Draft orders to sign'),
    sets.map((s, i) =>
      h('label', { class: 'order-set' }, h('input', { type: 'radio', name: 'order-set', value: s.id, checked: i === 0 }), ` ${s.label}`),
    ),
  );
  byId('sign-button').onclick = async () => {
    const chosen = sets.find((s) => s.id === (form.querySelector('input:checked') as HTMLInputElement | null)?.value);
    if (!chosen) return;
    replaceChildren(result, h('p', { class: 'muted', role: 'status' }, 'Signing…'));
    try {
      const draftOrders = { resourceType: 'Bundle', type: 'collection', entry: chosen.orders.map((resource) => ({ resource })) };
      const cards = await callHook(service, { patientId, draftOrders });
      result.dataset['loaded'] = chosen.id;
      replaceChildren(result, renderCardList(cards, handlersFor(service, patientId), 'No card: nothing to flag for these orders.'));
    } catch (err) {
      replaceChildren(result, h('p', { class: 'error', role: 'alert' }, message(err)));
    }
  };
}

async function openChart(patientId: string): Promise<void> {
  current = patientId;
  const url = new URL(window.location.href);
  url.searchParams.set('patient', patientId);
  window.history.replaceState(null, '', url);
  byId('chart').hidden = false;
  byId('smart-panel').hidden = true;
  await Promise.all([showBanner(patientId), showPatientView(patientId), showOrderSign(patientId).catch(() => undefined)]);
}

async function main(): Promise<void> {
  byId('smart-close').addEventListener('click', () => {
    byId('smart-panel').hidden = true;
    byId<HTMLIFrameElement>('smart-frame').src = 'about:blank';
  });
  services = await discover();
  const { patients } = await getJson<{ patients: DemoPatient[] }>('demo/patients');
  const select = byId<HTMLSelectElement>('patient-select');
  replaceChildren(
    select,
    h('option', { value: '' }, 'Choose a demo patient…'),
    patients.map((p) => h('option', { value: p.patientId }, `${p.scenario} · ${p.title}`)),
  );
  select.addEventListener('change', () => {
    if (select.value) void openChart(select.value);
  });
  const wanted = new URL(window.location.href).searchParams.get('patient');
  if (wanted && patients.some((p) => p.patientId === wanted)) {
    select.value = wanted;
    await openChart(wanted);
  }
  document.body.dataset['ready'] = 'true';
}

main().catch((err: unknown) => {
  replaceChildren(byId('pv-cards'), h('p', { class: 'error', role: 'alert' }, message(err)));
  byId('chart').hidden = false;
});
