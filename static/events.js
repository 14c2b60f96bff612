// Events page: GET /api/events?limit=200 (events, malformed counts, collector state), newer events appended live
// from WebSocket /live. "Reload" fetches the counts again; nothing polls. ?node=G1 shows only G1's events.

import { mountNav, connectLive, api, ageOf, formatNumber, showPageError, el, statusBadge } from './app.js';
import { kindBadge, renderKeyValues } from './figures.js';

const LIMIT = 200;
const MAX_ROWS = 1000;

mountNav('events', { live: true });
const body = document.getElementById('events-body');
const table = document.getElementById('events-table');
const kindFilter = document.getElementById('kind-filter');
const nodeFilter = document.getElementById('node-filter');
const nodesListed = new Set();
const summary = document.getElementById('events-summary');
const reload = document.getElementById('refresh-events');

function eventKey(ev) {
  return `${ev.at}|${ev.kind}|${ev.from}|${ev.to}|${ev.flag}|${ev.text}`;
}

const shown = new Set();
const keys = new WeakMap(); // row -> event key, to forget rows trimmed off the end
let liveCount = 0;
let buffered = []; // live events that arrive while the list loads

// Date and time always: a list that spans midnight or days must say which day.
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function eventRow(ev) {
  const at = typeof ev.at === 'number' ? ev.at : null;
  const nodes = [ev.from, ev.to].filter((c) => c && c !== '@@');
  const tr = el('tr', { class: 'event', 'data-kind': ev.kind ?? 'unknown', 'data-nodes': nodes.join(' ') },
    el('td', { class: 'event-time', 'data-label': 'When' }, el('time', { datetime: at ? new Date(at).toISOString() : '', title: at ? ageOf(at) : '', text: at ? WHEN.format(at) : '—' })),
    el('td', { 'data-label': 'Kind' }, kindBadge(ev.kind)),
    el('td', { class: 'wrap', 'data-label': 'Event', text: ev.text || `${ev.from ?? '?'} → ${ev.to ?? '*'}` }));
  nodes.forEach(listNode);
  tr.hidden = !matches(tr);
  keys.set(tr, eventKey(ev));
  return tr;
}

function matches(tr) {
  return (!kindFilter.value || kindFilter.value === tr.dataset.kind)
    && (!nodeFilter.value || tr.dataset.nodes.split(' ').includes(nodeFilter.value));
}

/** Adds a codifier to the node filter, in order. */
function listNode(code) {
  if (nodesListed.has(code)) return;
  nodesListed.add(code);
  const option = el('option', { value: code, text: code });
  const after = [...nodeFilter.options].slice(1).find((o) => o.value > code);
  nodeFilter.insertBefore(option, after ?? null);
}

const COLLECTOR_COLUMNS = [['code', 'Collector'], ['status', 'Status'], ['storedPerMinute', 'Stored / min'],
  ['stored', 'Stored'], ['backlog', 'Backlog'], ['refused', 'Refused'], ['outage', 'Database away'], ['readingAt', 'Reported']];

/** The collectors' own reports as a table: one row per collector, one column per figure. */
function renderCollectors(container, collectors) {
  if (!Array.isArray(collectors) || collectors.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: 'No collector state reported.' }));
    return;
  }
  const cell = (c, key) => {
    const v = c[key];
    if (key === 'status') return el('td', {}, statusBadge(v));
    if (key === 'readingAt') return el('td', { text: typeof v === 'number' ? ageOf(v) : '—' });
    if (typeof v === 'boolean') return el('td', { text: v ? 'yes' : 'no' });
    return el('td', { class: typeof v === 'number' ? 'num' : '', text: typeof v === 'number' ? formatNumber(v) : v ?? '—' });
  };
  const table = el('table', { class: 'collectors' },
    el('thead', {}, el('tr', {}, ...COLLECTOR_COLUMNS.map(([, label]) => el('th', { scope: 'col', text: label })))),
    el('tbody', {}, ...collectors.map((c) => el('tr', { 'data-code': c.code ?? '' },
      ...COLLECTOR_COLUMNS.map(([key]) => cell(c, key))))));
  const notes = collectors.filter((c) => c.conflict || c.report)
    .map((c) => el('p', { class: 'muted', text: `${c.code}: ${c.conflict ? `another instance: ${c.conflict}` : c.report}` }));
  container.replaceChildren(el('div', { class: 'table-wrap' }, table), ...notes);
}

function renderSummary() {
  const visible = [...body.rows].filter((r) => !r.hidden).length;
  const filtered = [kindFilter.value, nodeFilter.value && `of ${nodeFilter.value}`].filter(Boolean).join(' ');
  const text = `${body.rows.length} event${body.rows.length === 1 ? '' : 's'}`
    + (filtered ? ` · ${visible} ${filtered}` : '') + (liveCount ? ` · ${liveCount} live` : '');
  summary.textContent = text;
  document.getElementById('events-empty').hidden = visible > 0;
}

async function load() {
  buffered ??= [];
  reload.disabled = true;
  table.setAttribute('aria-busy', 'true');
  try {
    const data = await api(`/api/events?limit=${LIMIT}`);
    const events = Array.isArray(data?.events) ? [...data.events] : [];
    events.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
    shown.clear();
    liveCount = 0;
    body.replaceChildren(...events.map((ev) => {
      shown.add(eventKey(ev));
      return eventRow(ev);
    }));
    renderKeyValues(document.getElementById('malformed'), data?.malformed, 'No malformed datagrams counted.');
    renderCollectors(document.getElementById('collector'), data?.collector);
    showPageError('');
  } catch (e) {
    if (e.status !== 401) showPageError(`Could not load events: ${e.message}`);
  } finally {
    reload.disabled = false;
    table.setAttribute('aria-busy', 'false');
    const waiting = buffered;
    buffered = null;
    waiting.forEach(onEvent);
    renderSummary();
  }
}

function onEvent(msg) {
  const ev = msg.event;
  if (!ev || typeof ev !== 'object') return;
  if (buffered) {
    buffered.push(msg);
    return;
  }
  const key = eventKey(ev);
  if (shown.has(key)) return;
  shown.add(key);
  liveCount += 1;
  const tr = eventRow(ev);
  tr.classList.add('new');
  body.prepend(tr);
  while (body.rows.length > MAX_ROWS) {
    shown.delete(keys.get(body.lastElementChild));
    body.lastElementChild.remove();
  }
  renderSummary();
}

function applyFilters() {
  for (const tr of body.rows) tr.hidden = !matches(tr);
  renderSummary();
}

kindFilter.addEventListener('change', applyFilters);
nodeFilter.addEventListener('change', () => {
  const url = new URL(window.location.href);
  if (nodeFilter.value) url.searchParams.set('node', nodeFilter.value); else url.searchParams.delete('node');
  window.history.replaceState(null, '', url);
  applyFilters();
});
const asked = new URLSearchParams(window.location.search).get('node');
if (asked && /^[!-~]{2}$/.test(asked)) {
  listNode(asked);
  nodeFilter.value = asked;
}
reload.addEventListener('click', load);

connectLive({ onEvent });
load();
