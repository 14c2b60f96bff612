// Renderers shared by the sensor and events pages: loss tables, event items and key/value lists of figures
// whose exact shape the API leaves open (loss per stream, malformed counts, collector state).

import { el, formatNumber, formatTime, ageOf } from './app.js';

const LOSS_FIELDS = ['received', 'lost', 'duplicated', 'reordered', 'restarts'];

function isCounts(o) {
  return o && typeof o === 'object' && LOSS_FIELDS.some((f) => typeof o[f] === 'number');
}

/** [label, counts] rows: one unlabelled row for flat counts, one per stream for `{data: {..}, control: {..}}` or a list. */
export function lossRows(loss) {
  if (!loss || typeof loss !== 'object') return [];
  if (Array.isArray(loss)) {
    return loss.filter(isCounts).map((x, i) => [String(x.stream ?? x.bus ?? x.channel ?? x.from ?? x.codifier ?? i + 1), x]);
  }
  if (isCounts(loss)) return [['', loss]];
  return Object.entries(loss).filter(([, v]) => isCounts(v));
}

/** Loss ratio as docs/protocol.md defines it: lost / (received - duplicated + lost). */
export function lossRatio(c) {
  const lost = c.lost ?? 0;
  const denominator = (c.received ?? 0) - (c.duplicated ?? 0) + lost;
  return denominator > 0 ? lost / denominator : null;
}

export function renderLoss(container, loss) {
  const rows = lossRows(loss);
  if (rows.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: 'No loss figures yet.' }));
    return;
  }
  const labelled = rows.some(([label]) => label);
  const head = el('tr', {}, labelled ? el('th', { scope: 'col', text: 'Stream' }) : null,
    ...LOSS_FIELDS.map((f) => el('th', { scope: 'col', class: 'num', text: f })),
    el('th', { scope: 'col', class: 'num', text: 'loss' }));
  const body = el('tbody');
  for (const [label, c] of rows) {
    const ratio = lossRatio(c);
    body.append(el('tr', { 'data-stream': label || 'all' },
      labelled ? el('th', { scope: 'row', text: label }) : null,
      ...LOSS_FIELDS.map((f) => el('td', { class: 'num', 'data-field': f, text: typeof c[f] === 'number' ? String(c[f]) : '—' })),
      el('td', { class: 'num', 'data-field': 'ratio', text: ratio === null ? '—' : `${formatNumber(ratio * 100)} %` })));
  }
  const table = el('table', { id: 'loss-table' }, el('thead', {}, head), body);
  container.replaceChildren(el('div', { class: 'table-wrap' }, table));
}

export function kindBadge(kind) {
  return el('span', { class: 'kind', 'data-kind': kind ?? 'unknown', text: kind ?? '?' });
}

export function eventRoute(ev) {
  const route = `${ev.from ?? '?'} → ${ev.to ?? '*'}`;
  return ev.flag ? `${route} [${ev.flag}]` : route;
}

/** `<li data-kind>` for short event lists. */
export function eventItem(ev) {
  const at = typeof ev.at === 'number' ? ev.at : null;
  return el('li', { 'data-kind': ev.kind ?? 'unknown' },
    el('time', { datetime: at ? new Date(at).toISOString() : '', title: at ? ageOf(at) : '', text: formatTime(at) }),
    kindBadge(ev.kind),
    // The text is a sentence that names who and whom; the route is only for an event without one.
    el('span', { text: ev.text || eventRoute(ev) }));
}

function describe(key, value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    // epoch-ms fields are named ...At in this API
    if (/At$/.test(key) && value > 1e11) return `${formatTime(value)} (${ageOf(value)})`;
    return formatNumber(value);
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—';
  return String(value);
}

function flatten(value, prefix, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.push([prefix, '—']);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix} / ${k}` : k, out);
  } else {
    out.push([prefix || 'value', describe(prefix.split(' / ').pop() ?? '', value)]);
  }
  return out;
}

/** A `<dl class="kv">` of any JSON value, nested keys joined with " / "; each `dd` has `data-key` = that path. */
export function renderKeyValues(container, value, emptyText) {
  const rows = value === null || value === undefined ? [] : flatten(value, '', []);
  if (rows.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: emptyText }));
    return;
  }
  const dl = el('dl', { class: 'kv' });
  for (const [key, text] of rows) dl.append(el('dt', { text: key }), el('dd', { 'data-key': key, text }));
  container.replaceChildren(dl);
}
