// Graphs page: the signed-in user's saved graphs, a builder that overlays up to 8 codifiers (one y axis per unit,
// two units per chart, more units stack further charts), saving by name, and links that open a view:
// graphs.html?graph=<name> (the owner's saved graph) or graphs.html?codes=T1,T2&range=6h (anyone who may read).

import { mountNav, connectLive, api, clock, el, formatTime, showPageError, ApiError, unitOf as sensorUnit } from './app.js';
import { fetchHistory, overlayChart, silences, stepSeconds, GAP_FACTOR } from './charts.js';

const MAX_CODES = 8;
const UNITS_PER_CHART = 2;
const RANGE_FORM = /^(\d{1,6})([mhd])$/;
const UNIT_MS = { m: 60e3, h: 3600e3, d: 86400e3 };

mountNav('graphs', { live: true });
// Only for the nav bar's firing count, which every page keeps live; the charts show history, not the live feed.
connectLive({});

const $ = (id) => document.getElementById(id);
const picker = $('code-picker');
const chartsEl = $('graph-charts');
const rangeButtons = [...document.querySelectorAll('#range-buttons button[data-range]')];

let sensors = new Map(); // code -> sensor (name, unit, states)
let saved = [];
let canSave = false;
let selected = []; // codes in the order picked
let range = '1h';
let charts = [];
let drawSeq = 0;

function rangeMillis(text) {
  const m = RANGE_FORM.exec(text ?? '');
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

function unitOf(code) {
  return sensorUnit(sensors.get(code));
}

function labelOf(code) {
  const s = sensors.get(code);
  const name = s?.name && s.name !== code ? `${code} ${s.name}` : code;
  return unitOf(code) ? `${name} (${unitOf(code)})` : name;
}

function setResult(text, outcome) {
  const box = $('graph-result');
  box.textContent = text;
  box.dataset.outcome = outcome;
}

// ---- the view: which codifiers, which range, and the link that reopens it ----

function viewLink(codes, r) {
  return `graphs.html?codes=${codes.map(encodeURIComponent).join(',')}&range=${encodeURIComponent(r)}`;
}

function savedLink(name) {
  return `graphs.html?graph=${encodeURIComponent(name)}`;
}

function show(codes, r, { title = null, url = null } = {}) {
  selected = codes.filter((c) => typeof c === 'string').slice(0, MAX_CODES);
  range = rangeMillis(r) ? r : '1h';
  for (const box of picker.querySelectorAll('input[type=checkbox]')) box.checked = selected.includes(box.value);
  limitPicks();
  for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === range));
  const share = $('share-link');
  share.hidden = selected.length === 0;
  share.href = viewLink(selected, range);
  $('graph-title').textContent = title ?? (selected.length ? selected.join(', ') : 'Pick codifiers to draw');
  history.replaceState(null, '', url ?? (selected.length ? viewLink(selected, range) : 'graphs.html'));
  draw();
}

function limitPicks() {
  const full = selected.length >= MAX_CODES;
  for (const box of picker.querySelectorAll('input[type=checkbox]')) box.disabled = full && !box.checked;
}

// ---- charts ----

/** Codes grouped by unit in the order first picked, two units to a chart. */
function chartGroups(codes) {
  const units = [];
  for (const code of codes) if (!units.includes(unitOf(code))) units.push(unitOf(code));
  const groups = [];
  for (let i = 0; i < units.length; i += UNITS_PER_CHART) {
    const chartUnits = units.slice(i, i + UNITS_PER_CHART);
    groups.push({ units: chartUnits, codes: codes.filter((c) => chartUnits.includes(unitOf(c))) });
  }
  return groups;
}

/** One x column for several histories: every timestamp once, each series null where it has no point. */
function joinSeries(histories) {
  const times = [...new Set(histories.flatMap((h) => (Array.isArray(h?.t) ? h.t : [])))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = histories.map((h) => {
    const col = new Array(times.length).fill(null);
    (h?.t ?? []).forEach((t, i) => {
      const v = h.mean?.[i];
      if (typeof v === 'number') col[index.get(t)] = v;
    });
    return col;
  });
  return [times.map((t) => t / 1000), ...columns];
}

async function draw() {
  const seq = ++drawSeq;
  charts.forEach((c) => c.destroy());
  charts = [];
  chartsEl.replaceChildren();
  if (selected.length === 0) {
    $('graph-status').textContent = '';
    return;
  }
  const to = clock.now();
  const from = to - rangeMillis(range);
  const bounds = [from / 1000, to / 1000];
  const groups = chartGroups(selected).map((g, i) => {
    const box = el('div', { class: 'chart', id: `graph-chart-${i}`, 'data-units': g.units.join(','),
      'data-codes': g.codes.join(','), 'aria-busy': 'true' });
    chartsEl.append(box);
    const series = g.codes.map((code) => ({ label: labelOf(code), unit: unitOf(code), sensor: sensors.get(code), silences: [] }));
    const chart = overlayChart(box, g.units, series, () => bounds);
    charts.push(chart);
    return { ...g, box, chart, series };
  });
  $('graph-status').textContent = 'Loading…';
  const failures = [];
  const histories = new Map(await Promise.all(selected.map((code) => fetchHistory(code, from, to)
    .then((h) => [code, h], (e) => {
      failures.push(`${code}: ${e.message}`);
      return [code, null];
    }))));
  if (seq !== drawSeq) return;
  let points = 0;
  for (const g of groups) {
    const data = joinSeries(g.codes.map((code) => histories.get(code)));
    let gaps = 0;
    g.codes.forEach((code, i) => {
      // As on the sensor page: silent for more than about two of its intervals (or buckets), the line breaks.
      const h = histories.get(code);
      const interval = (sensors.get(code)?.intervalMs ?? 0) / 1000;
      const gap = interval > 0 ? GAP_FACTOR * Math.max(interval, stepSeconds(h?.step)) : 0;
      g.series[i].silences = silences((h?.t ?? []).map((t) => t / 1000), gap);
      gaps += g.series[i].silences.length;
    });
    g.box.dataset.gaps = String(gaps);
    g.chart.setData(data);
    const count = data.slice(1).reduce((n, col) => n + col.filter((v) => v !== null).length, 0);
    points += count;
    g.box.dataset.points = String(count);
    g.box.setAttribute('aria-busy', 'false');
  }
  const summary = `${formatTime(from)} – ${formatTime(to)}: ${selected.length} codifier${selected.length === 1 ? '' : 's'},`
    + ` ${groups.length} chart${groups.length === 1 ? '' : 's'}, ${points} points`;
  $('graph-status').textContent = failures.length ? `${summary}; not loaded: ${failures.join('; ')}` : summary;
  $('graph-status').classList.toggle('error', failures.length > 0);
}

// ---- the codifier picker ----

function renderPicker() {
  const codes = [...sensors.keys()].sort();
  picker.replaceChildren(picker.querySelector('legend'), ...codes.map((code) => {
    const box = el('input', { type: 'checkbox', value: code, 'data-code': code, checked: selected.includes(code) });
    box.addEventListener('change', () => {
      const next = box.checked ? [...selected, code] : selected.filter((c) => c !== code);
      show(next, range);
    });
    return el('label', { 'data-code': code, title: labelOf(code) }, box, el('span', { text: labelOf(code) }));
  }));
  limitPicks();
}

function filterPicker() {
  const words = $('code-filter').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  for (const label of picker.querySelectorAll('label')) {
    const text = label.title.toLowerCase();
    label.hidden = !words.every((w) => text.includes(w));
  }
}

// ---- saved graphs ----

function renderSaved() {
  const list = $('saved-list');
  list.replaceChildren(...saved.map((g) => {
    const del = el('button', { type: 'button', class: 'btn-quiet btn-danger', 'data-action': 'delete', text: 'Delete' });
    del.addEventListener('click', () => remove(g.name, del));
    const open = el('a', { class: 'graph-open', href: savedLink(g.name), text: g.name });
    open.addEventListener('click', (e) => {
      e.preventDefault();
      openSaved(g.name);
    });
    return el('li', { 'data-graph': g.name }, open,
      el('span', { class: 'graph-codes', text: `${g.codes.join(', ')} · ${g.range}` }), del);
  }));
  $('saved-empty').hidden = !canSave || saved.length > 0;
  $('saved-anonymous').hidden = canSave;
  $('save-form').hidden = !canSave;
  $('graphs-summary').textContent = canSave ? `${saved.length} saved` : '';
}

async function loadSaved() {
  const answer = await api('/api/graphs');
  canSave = answer?.canSave === true;
  saved = Array.isArray(answer?.graphs) ? answer.graphs : [];
  renderSaved();
}

function openSaved(name) {
  const graph = saved.find((g) => g.name === name);
  if (!graph) {
    showPageError(`You have no saved graph named "${name}".`);
    return;
  }
  showPageError('');
  $('graph-name').value = graph.name;
  show(graph.codes, graph.range, { title: graph.name, url: savedLink(graph.name) });
}

async function save(event) {
  event.preventDefault();
  const name = $('graph-name').value.trim();
  if (!name) {
    setResult('Give the graph a name.', 'error');
    return;
  }
  if (selected.length === 0) {
    setResult('Pick at least one codifier.', 'error');
    return;
  }
  const button = $('save-graph');
  button.disabled = true;
  setResult(`Saving "${name}"…`, 'pending');
  try {
    const answer = await api('/api/graphs', { method: 'POST', body: { name, codes: selected, range } });
    await loadSaved();
    setResult(`${answer?.replaced ? 'Replaced' : 'Saved'} "${name}".`, 'ok');
    show(selected, range, { title: name, url: savedLink(name) });
  } catch (e) {
    setResult(`Not saved: ${e.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

async function remove(name, button) {
  if (!window.confirm(`Delete the saved graph "${name}"?`)) return;
  button.disabled = true;
  try {
    await api(`/api/graphs/${encodeURIComponent(name)}/delete`, { method: 'POST', body: {} });
    setResult(`Deleted "${name}".`, 'ok');
  } catch (e) {
    setResult(`Not deleted: ${e.message}`, 'error');
  }
  await loadSaved().catch((e) => showPageError(`Could not load saved graphs: ${e.message}`));
}

// ---- start ----

async function start() {
  try {
    const answer = await api('/api/sensors');
    sensors = new Map((answer?.sensors ?? []).map((s) => [s.code, s]));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    showPageError(`Could not load the codifiers: ${e.message}`);
  }
  renderPicker();
  try {
    await loadSaved();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    showPageError(`Could not load saved graphs: ${e.message}`);
  }
  const params = new URLSearchParams(location.search);
  if (params.get('graph')) {
    openSaved(params.get('graph'));
  } else if (params.get('codes')) {
    const codes = params.get('codes').split(',').map((c) => c.trim()).filter(Boolean);
    const unknown = codes.filter((c) => !sensors.has(c));
    if (unknown.length) showPageError(`Not known to this dashboard: ${unknown.join(', ')}`);
    show(codes.filter((c) => sensors.has(c)), params.get('range') ?? '1h');
  } else {
    show([], '1h');
  }
}

for (const b of rangeButtons) b.addEventListener('click', () => show(selected, b.dataset.range));
$('code-filter').addEventListener('input', filterPicker);
$('save-form').addEventListener('submit', save);

start();
