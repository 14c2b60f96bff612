// Sensor page: header, live chart (WebSocket, seeded with 10 minutes of raw history), history chart with ranges,
// the node's loss and ping figures and its recent events.

import {
  mountNav, connectLive, api, clock, ageOf, formatReading, formatTime, formatNumber, formatMs,
  setStatusBadge, showPageError, el, ApiError,
} from './app.js';
import { liveChart, historyChart, withGaps, stepSeconds, GAP_FACTOR, fetchHistory, valueStyle } from './charts.js';
import { renderLoss, eventItem } from './figures.js';

const LIVE_SEED_MS = 10 * 60 * 1000;
const MAX_LIVE_POINTS = 20000;
const MAX_EVENTS = 50;
const RANGES = { '15m': 15 * 60e3, '1h': 3600e3, '6h': 6 * 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };
const DEFAULT_RANGE = '1h';
// A range says its day at both ends when they differ, once when they do not: "Dec 6, 2026, 08:00 – 09:00".
const RANGE_LABEL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const sessionPromise = mountNav(null, { live: true });

const code = new URLSearchParams(location.search).get('code');
const $ = (id) => document.getElementById(id);
const historyEl = $('history-chart');
const historyEmpty = $('history-empty');
const historyStatus = $('history-status');
const liveEl = $('live-chart');
const fromInput = $('from');
const toInput = $('to');
const rangeButtons = [...document.querySelectorAll('button[data-range]')];
const stepSelect = $('step');
const zoomOutButton = $('zoom-out');
const csvLink = $('csv');
const STEPS = new Set([...stepSelect.options].map((o) => o.value));

let sensor = null;
let live = null;
let history = null;
let historyRange = null; // [from, to] in seconds, for the x axis
let shown = null; // {from, to} in epoch ms: the range the history chart shows
const zoomStack = []; // the ranges before each zoom, to go back to
let historySeq = 0;
let liveFrame = 0;
let snapshots = 0;
const points = { t: [], v: [] }; // live points, t in epoch ms, ascending

// ---- header ----

function renderHeader() {
  const s = sensor;
  const name = s.name || s.code;
  document.title = `${name} (${s.code}) · JPH mesh`;
  $('sensor-name').textContent = name;
  $('sensor-code').textContent = s.code;
  $('sensor-long').textContent = s.longName && s.longName !== name ? s.longName : '';
  $('sensor-value').textContent = formatReading(s);
  setStatusBadge($('sensor-status'), s.status);
  const node = $('sensor-node');
  if (s.node && s.node !== s.code) {
    node.replaceChildren(el('a', { href: `sensor.html?code=${encodeURIComponent(s.node)}`, text: s.node }), ' (proxy parent)');
  } else {
    node.textContent = s.node ? `${s.node} (itself)` : '—';
  }
  $('sensor-type').textContent = s.type || '—';
  $('sensor-sequence').textContent = s.sequence ?? '—';
  const timeouts = [];
  if (typeof s.timeoutMs === 'number') timeouts.push(`reading ${formatNumber(s.timeoutMs / 1000)} s`);
  if (typeof s.keepAliveMs === 'number') timeouts.push(`keep-alive ${formatNumber(s.keepAliveMs / 1000)} s`);
  $('sensor-timeouts').textContent = timeouts.join(', ') || '—';
  renderAges();
}

function renderAges() {
  if (!sensor) return;
  const reading = typeof sensor.readingAt === 'number' ? ageOf(sensor.readingAt) : 'no reading';
  $('sensor-age').textContent = reading;
  $('sensor-reading-at').textContent = typeof sensor.readingAt === 'number' ? `${formatTime(sensor.readingAt)} (${reading})` : 'never';
  $('sensor-alive-at').textContent = typeof sensor.aliveAt === 'number' ? `${formatTime(sensor.aliveAt)} (${ageOf(sensor.aliveAt)})` : 'never';
}

function renderFigures(details) {
  renderLoss($('loss'), details.loss);
  $('ping').textContent = typeof details.pingRttMs === 'number'
    ? `${formatMs(details.pingRttMs)}${typeof details.pingAt === 'number' ? ` (${ageOf(details.pingAt)})` : ''}`
    : 'no ping yet';
  const list = $('sensor-events');
  const events = Array.isArray(details.events) ? [...details.events] : [];
  events.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
  list.replaceChildren(...events.slice(0, MAX_EVENTS).map(eventItem));
  $('sensor-events-empty').hidden = events.length > 0;
}

async function loadDetails() {
  const details = await api(`/api/sensors/${encodeURIComponent(code)}`);
  const { loss, pingRttMs, pingAt, events, ...rest } = details;
  sensor = { ...(sensor ?? {}), ...rest };
  renderHeader();
  renderFigures(details);
}

// ---- live chart ----

/** Silence longer than this breaks a chart's line: about two of the sensor's intervals, or two buckets of a coarser step. */
function gapSeconds(bucketSeconds) {
  const interval = typeof sensor?.intervalMs === 'number' ? sensor.intervalMs / 1000 : 0;
  return interval > 0 ? GAP_FACTOR * Math.max(interval, bucketSeconds) : 0;
}

function drawLive() {
  liveFrame = 0;
  if (!live) return;
  const drawn = withGaps([points.t.map((t) => t / 1000), points.v], gapSeconds(0));
  live.setData(drawn.data);
  liveEl.dataset.points = String(points.t.length);
  liveEl.dataset.gaps = String(drawn.gaps);
  $('live-status').textContent = points.t.length ? `${points.t.length} readings` : 'waiting for readings…';
}

function scheduleLive() {
  if (!liveFrame) liveFrame = requestAnimationFrame(drawLive);
}

/** Merges points (ms, value) into the live series: ascending, one value per timestamp, capped. */
function mergePoints(ts, vs) {
  const pairs = points.t.map((t, i) => [t, points.v[i]]);
  for (let i = 0; i < ts.length; i++) {
    if (typeof ts[i] === 'number' && typeof vs[i] === 'number') pairs.push([ts[i], vs[i]]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const t = [];
  const v = [];
  for (const [pt, pv] of pairs) {
    if (t.length && t[t.length - 1] === pt) v[v.length - 1] = pv;
    else {
      t.push(pt);
      v.push(pv);
    }
  }
  const drop = Math.max(0, t.length - MAX_LIVE_POINTS);
  points.t = t.slice(drop);
  points.v = v.slice(drop);
  scheduleLive();
}

function addLivePoint(s) {
  if (typeof s.readingAt !== 'number' || typeof s.value !== 'number') return;
  const last = points.t.length ? points.t[points.t.length - 1] : -Infinity;
  if (s.readingAt > last) {
    points.t.push(s.readingAt);
    points.v.push(s.value);
    if (points.t.length > MAX_LIVE_POINTS) {
      points.t.shift();
      points.v.shift();
    }
    scheduleLive();
  } else if (s.readingAt < last) {
    mergePoints([s.readingAt], [s.value]);
  }
}

/** Raw readings from `from` to now into the live chart: the seed, and the gap after a reconnect. */
async function fillLive(from) {
  try {
    const h = await api(`/api/sensors/${encodeURIComponent(code)}/history?from=${Math.floor(from)}&to=${Math.ceil(clock.now())}&step=raw`);
    mergePoints(h?.t ?? [], h?.mean ?? []);
  } catch (e) {
    $('live-status').textContent = `could not load recent readings: ${e.message}`;
  }
}

// ---- history chart ----

function toLocalInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function setHistoryStatus(text, isError = false) {
  historyStatus.textContent = text;
  historyStatus.classList.toggle('error', isError);
}

function historyQuery(from, to) {
  const step = stepSelect.value;
  return `from=${Math.floor(from)}&to=${Math.ceil(to)}${step !== 'auto' ? `&step=${encodeURIComponent(step)}` : ''}`;
}

async function loadHistory(from, to) {
  if (!history) return;
  const seq = ++historySeq;
  shown = { from, to };
  historyEl.removeAttribute('data-points');
  historyEl.dataset.from = String(Math.floor(from));
  historyEl.dataset.to = String(Math.ceil(to));
  historyEl.setAttribute('aria-busy', 'true');
  zoomOutButton.hidden = zoomStack.length === 0;
  // The same query as the chart's, so the file holds exactly the rows drawn.
  csvLink.href = `/api/sensors/${encodeURIComponent(code)}/history.csv?${historyQuery(from, to)}`;
  setHistoryStatus('Loading…');
  try {
    const step = stepSelect.value;
    const h = await fetchHistory(code, from, to, step === 'auto' ? null : step);
    if (seq !== historySeq) return;
    const t = Array.isArray(h?.t) ? h.t : [];
    const col = (name) => t.map((_, i) => (Array.isArray(h[name]) && typeof h[name][i] === 'number' ? h[name][i] : null));
    historyRange = [(typeof h.from === 'number' ? h.from : from) / 1000, (typeof h.to === 'number' ? h.to : to) / 1000];
    const drawn = withGaps([t.map((x) => x / 1000), col('mean'), col('min'), col('max')], gapSeconds(stepSeconds(h.step)));
    history.setData(drawn.data);
    historyEl.dataset.points = String(t.length);
    historyEl.dataset.gaps = String(drawn.gaps);
    historyEl.dataset.step = h.step ?? '';
    historyEmpty.hidden = t.length > 0;
    setHistoryStatus(`${RANGE_LABEL.formatRange(from, to)}: ${t.length} point${t.length === 1 ? '' : 's'}${h.step ? `, step ${h.step}` : ''}`);
  } catch (e) {
    if (seq !== historySeq) return;
    setHistoryStatus(`History unavailable: ${e.message}`, true);
  } finally {
    if (seq === historySeq) historyEl.setAttribute('aria-busy', 'false');
  }
}

/** Keeps the shown range in the address, so a view can be bookmarked and shared. */
function rememberRange(params) {
  const url = new URL(window.location.href);
  for (const key of ['range', 'from', 'to', 'step']) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (stepSelect.value !== 'auto') url.searchParams.set('step', stepSelect.value);
  window.history.replaceState(null, '', url);
}

/** Shows a range that is not a preset: a custom one, a zoom, or one from the address. */
function showExactRange(from, to) {
  fromInput.value = toLocalInput(from);
  toInput.value = toLocalInput(to);
  for (const b of rangeButtons) b.setAttribute('aria-pressed', 'false');
  rememberRange({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  loadHistory(from, to);
}

function zoomIn(from, to) {
  if (!shown || !(to - from >= 1000)) return;
  zoomStack.push(shown);
  showExactRange(from, to);
}

/** Back to the range before the last zoom; with none, twice the range around its middle, never past now. */
function zoomOut() {
  if (!shown) return;
  const previous = zoomStack.pop();
  if (previous) {
    showExactRange(previous.from, previous.to);
    return;
  }
  const span = shown.to - shown.from;
  const to = Math.min(clock.now(), shown.to + span / 2);
  showExactRange(to - 2 * span, to);
}

function showRange(name) {
  const to = clock.now();
  const from = to - RANGES[name];
  for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === name));
  zoomStack.length = 0;
  fromInput.value = toLocalInput(from);
  toInput.value = toLocalInput(to);
  rememberRange({ range: name });
  loadHistory(from, to);
}

/** The range the address asks for (?range=6h, or ?from=&to= as ISO or epoch ms), else the default. */
function showRangeFromAddress() {
  const params = new URLSearchParams(window.location.search);
  if (STEPS.has(params.get('step'))) stepSelect.value = params.get('step');
  const time = (text) => (text && /^\d+$/.test(text) ? Number(text) : new Date(text ?? '').getTime());
  const from = time(params.get('from'));
  const to = time(params.get('to'));
  if (Number.isFinite(from) && Number.isFinite(to) && from < to) {
    showExactRange(from, to);
    return;
  }
  showRange(Object.hasOwn(RANGES, params.get('range') ?? '') ? params.get('range') : DEFAULT_RANGE);
}

function showCustomRange() {
  const from = fromInput.value ? new Date(fromInput.value).getTime() : NaN;
  const to = toInput.value ? new Date(toInput.value).getTime() : NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    setHistoryStatus('Enter both a start and an end.', true);
    return;
  }
  if (from >= to) {
    setHistoryStatus('The start must be before the end.', true);
    return;
  }
  zoomStack.length = 0;
  showExactRange(from, to);
}

// ---- live feed ----

function onSensor(s) {
  if (!s || s.code !== code) return;
  sensor = { ...(sensor ?? {}), ...s };
  renderHeader();
  addLivePoint(sensor);
}

function onEvent(msg) {
  const ev = msg.event;
  if (!ev || !sensor) return;
  const related = [code, sensor.node].filter(Boolean);
  if (!related.includes(ev.from) && !related.includes(ev.to)) return;
  const list = $('sensor-events');
  const item = eventItem(ev);
  item.classList.add('new');
  list.prepend(item);
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
  $('sensor-events-empty').hidden = true;
}

async function start() {
  if (!code) {
    showPageError('No sensor given: open one from the overview.');
    $('sensor-name').textContent = 'No sensor';
    return;
  }
  $('sensor-code').textContent = code;
  try {
    await loadDetails();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    showPageError(e instanceof ApiError && e.status === 404 ? `Unknown sensor ${code}.` : `Could not load sensor ${code}: ${e.message}`);
    if (!(e instanceof ApiError) || e.status === 404) return;
    sensor = { code };
  }
  showSetPoint();
  const style = valueStyle(sensor);
  live = liveChart(liveEl, style);
  history = historyChart(historyEl, style, () => historyRange, { onZoom: zoomIn, onZoomOut: zoomOut });
  historyEl.dataset.discrete = String(style.discrete);
  drawLive();
  fillLive(clock.now() - LIVE_SEED_MS);
  showRangeFromAddress();
  connectLive({
    onSnapshot(msg) {
      snapshots += 1;
      (msg.sensors ?? []).forEach(onSensor);
      if (snapshots > 1 && points.t.length) fillLive(points.t[points.t.length - 1]);
    },
    onUpdate(msg) {
      (msg.sensors ?? []).forEach(onSensor);
    },
    onEvent,
  });
  setInterval(renderAges, 1000);
}

// ---- set-point (operators, Control-enabled sensors) ----

async function showSetPoint() {
  let info = null;
  try {
    info = await sessionPromise;
  } catch {
    info = null;
  }
  const operator = !!info?.role && info.role !== 'viewer' && !info.anonymous;
  $('setpoint').hidden = !(operator && sensor?.controlEnabled);
}

async function sendSetPoint(command) {
  const input = $('setpoint-value');
  const result = $('setpoint-result');
  const value = input.value.trim() === '' ? NaN : Number(input.value);
  if (!Number.isFinite(value)) {
    result.textContent = 'Enter a number first.';
    input.focus();
    return;
  }
  const buttons = $('setpoint').querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  result.textContent = `${command} ${value} → ${code}…`;
  try {
    const answer = await api(`/api/nodes/${encodeURIComponent(code)}/commands`, { method: 'POST', body: { command, value } });
    result.textContent = answer?.sent === false ? `${command} ${code}: not sent` : `${command} ${value} sent to ${code}`;
  } catch (e) {
    result.textContent = `${command} ${code}: ${e.message}`;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

$('setpoint').addEventListener('submit', (e) => {
  e.preventDefault();
  sendSetPoint('set');
});
$('setpoint').querySelector('button[data-command="step"]').addEventListener('click', () => sendSetPoint('step'));

for (const b of rangeButtons) b.addEventListener('click', () => showRange(b.dataset.range));
$('apply-range').addEventListener('click', showCustomRange);
zoomOutButton.addEventListener('click', zoomOut);
stepSelect.addEventListener('change', () => {
  if (!shown) return;
  const pressed = rangeButtons.find((b) => b.getAttribute('aria-pressed') === 'true');
  if (pressed && zoomStack.length === 0) showRange(pressed.dataset.range);
  else showExactRange(shown.from, shown.to);
});
$('refresh-figures').addEventListener('click', async (e) => {
  e.currentTarget.disabled = true;
  try {
    await loadDetails();
  } catch (err) {
    showPageError(`Could not refresh: ${err.message}`);
  } finally {
    $('refresh-figures').disabled = false;
  }
});

start();
