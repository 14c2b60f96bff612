// Events page: GET /api/events?limit=200 (events, malformed counts, collector state), newer events appended live
// from WebSocket /live. "Reload" fetches the counts again; nothing polls.

import { mountNav, connectLive, api, ageOf, formatTime, showPageError, el } from './app.js';
import { kindBadge, renderKeyValues } from './figures.js';

const LIMIT = 200;
const MAX_ROWS = 1000;

mountNav('events', { live: true });
const body = document.getElementById('events-body');
const table = document.getElementById('events-table');
const kindFilter = document.getElementById('kind-filter');
const summary = document.getElementById('events-summary');
const reload = document.getElementById('refresh-events');

function eventKey(ev) {
  return `${ev.at}|${ev.kind}|${ev.from}|${ev.to}|${ev.flag}|${ev.text}`;
}

const shown = new Set();
const keys = new WeakMap(); // row -> event key, to forget rows trimmed off the end
let liveCount = 0;
let buffered = []; // live events that arrive while the list loads

function eventRow(ev) {
  const at = typeof ev.at === 'number' ? ev.at : null;
  const tr = el('tr', { class: 'event', 'data-kind': ev.kind ?? 'unknown' },
    el('td', { class: 'event-time' }, el('time', { datetime: at ? new Date(at).toISOString() : '', title: at ? ageOf(at) : '', text: formatTime(at) })),
    el('td', {}, kindBadge(ev.kind)),
    el('td', { class: 'code', text: ev.from ?? '—' }),
    el('td', { class: 'code', text: ev.to ?? '—' }),
    el('td', { class: 'code', text: ev.flag ?? '—' }),
    el('td', { class: 'wrap', text: ev.text ?? '' }));
  tr.hidden = !!kindFilter.value && kindFilter.value !== ev.kind;
  keys.set(tr, eventKey(ev));
  return tr;
}

function renderSummary() {
  const visible = [...body.rows].filter((r) => !r.hidden).length;
  const text = `${body.rows.length} event${body.rows.length === 1 ? '' : 's'}`
    + (kindFilter.value ? ` · ${visible} ${kindFilter.value}` : '') + (liveCount ? ` · ${liveCount} live` : '');
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
    renderKeyValues(document.getElementById('collector'), data?.collector, 'No collector state reported.');
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

kindFilter.addEventListener('change', () => {
  for (const tr of body.rows) tr.hidden = !!kindFilter.value && kindFilter.value !== tr.dataset.kind;
  renderSummary();
});
reload.addEventListener('click', load);

connectLive({ onEvent });
load();
