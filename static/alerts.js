// Alerts page: GET /api/alerts (every rule of the config with the state it last sent, firing first, as the server
// orders them), fetched again whenever a rule's codifier changes on WebSocket /live; each rule's recent changes from
// GET /api/alerts/{code}/history when its History is opened; operators acknowledge, silence and lift a rule with
// POST /api/alerts/{code}/ack|silence|lift.

import {
  mountNav, connectLive, api, clock, showPageError, el, setFiringCount, formatDuration, formatDateTime,
} from './app.js';

const REFRESH_DELAY_MS = 250;
const HISTORY_LIMIT = 50;
const ACTIONS = [
  ['ack', 'Acknowledge', null],
  ['silence', 'Silence 1 h', 3600],
  ['silence', 'Silence 24 h', 86400],
  ['lift', 'Lift', null],
];

const sessionPromise = mountNav('alerts', { live: true });
const body = document.getElementById('alerts-body');
const table = document.getElementById('alerts-table');
const summary = document.getElementById('alerts-summary');
const result = document.getElementById('command-result');

/** code -> {alert, tr, historyRow, historyList, cells, buttons} */
const rows = new Map();
let canCommand = false;
let loading = false;
let loadAgain = false;
let refreshTimer = 0;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function stateOf(alert) {
  return alert.alert?.state ?? 'unknown';
}

function silenced(status, now) {
  return !!status && status.silencedUntil > now;
}

function createRow(alert) {
  const code = alert.code;
  const cells = {
    severity: el('span', { class: 'severity' }),
    name: el('a', { href: `sensor.html?code=${encodeURIComponent(code)}`, title: `${code} as a sensor: its chart and events` }),
    state: el('span', { class: 'alert-state' }),
    since: el('time'),
    sinceFor: el('span', { class: 'for' }),
    message: el('td', { class: 'alert-message wrap' }),
    marks: el('td', { class: 'alert-marks' }),
  };
  const buttons = {};
  const actions = el('div', { class: 'actions' });
  if (canCommand) {
    for (const [action, label, seconds] of ACTIONS) {
      const button = el('button', {
        type: 'button', 'data-action': action, 'data-seconds': seconds ?? undefined, title: `${label}: ${code}`, text: label,
      });
      buttons[seconds ? `${action}-${seconds}` : action] = button;
      actions.append(button);
    }
    buttons.off = el('span', {
      class: 'muted', text: 'no commands', title: `its Alerts entry ${alert.node} does not have "Control": "enabled"`,
    });
    actions.append(buttons.off);
  }
  const historyId = `history-${code.replace(/[^A-Za-z0-9]/g, '_')}`;
  buttons.history = el('button', {
    type: 'button', class: 'btn-quiet', 'data-action': 'history', 'aria-expanded': 'false', 'aria-controls': historyId,
    text: 'History',
  });
  actions.append(buttons.history);
  const tr = el('tr', { class: 'alert', 'data-code': code },
    el('td', {}, cells.severity),
    el('td', { class: 'alert-name' }, cells.name),
    el('td', { class: 'code', text: code }),
    el('td', {}, cells.state),
    el('td', { class: 'alert-since' }, cells.since, cells.sinceFor),
    cells.message,
    cells.marks,
    el('td', { class: 'alert-actions' }, actions));
  const historyList = el('ol', { class: 'event-list' });
  const historyRow = el('tr', { class: 'alert-history', id: historyId, 'data-history-for': code, hidden: true },
    el('td', { colspan: 8 }, historyList));
  return { alert, tr, historyRow, historyList, cells, buttons };
}

function mark(kind, text) {
  return el('span', { class: 'mark', 'data-mark': kind, text });
}

function renderRow(row, now) {
  const a = row.alert;
  const status = a.alert;
  const state = stateOf(a);
  row.tr.dataset.state = state;
  setText(row.cells.severity, a.severity || '');
  row.cells.severity.dataset.severity = a.severity || '';
  setText(row.cells.name, a.name || a.code);
  setText(row.cells.state, status ? state.toUpperCase() : 'NOT HEARD');
  row.cells.state.dataset.state = state;
  row.cells.state.title = a.status && a.status !== 'OK' ? `its codifier is ${a.status}` : '';
  if (status) {
    setText(row.cells.since, formatDateTime(status.since));
    row.cells.since.dateTime = new Date(status.since).toISOString();
    setText(row.cells.sinceFor, `for ${formatDuration(now - status.since)}`);
  } else {
    setText(row.cells.since, '—');
    setText(row.cells.sinceFor, '');
  }
  setText(row.cells.message, status?.message ?? '');
  const marks = [];
  if (status?.ack) marks.push(mark('ack', 'acknowledged'));
  if (silenced(status, now)) marks.push(mark('silenced', `silenced until ${formatDateTime(status.silencedUntil)}`));
  if (a.status && a.status !== 'OK' && a.status !== 'UNKNOWN') marks.push(mark('status', `codifier ${a.status}`));
  const key = marks.map((m) => m.textContent).join('|');
  if (row.cells.marks.dataset.key !== key) {
    row.cells.marks.dataset.key = key;
    row.cells.marks.replaceChildren(...marks);
  }
  if (canCommand) {
    const b = row.buttons;
    const commands = !!a.controlEnabled;
    b.ack.hidden = !commands || !(state === 'firing' && !status?.ack);
    b['silence-3600'].hidden = !commands;
    b['silence-86400'].hidden = !commands;
    b.lift.hidden = !commands || !(status?.ack || silenced(status, now));
    b.off.hidden = commands;
  }
}

function renderSummary(firing) {
  const counts = { firing: 0, pending: 0, ok: 0, unknown: 0 };
  for (const row of rows.values()) counts[stateOf(row.alert)] = (counts[stateOf(row.alert)] ?? 0) + 1;
  const parts = [`${counts.firing} firing`, `${counts.pending} pending`, `${counts.ok} ok`];
  if (counts.unknown) parts.push(`${counts.unknown} not heard`);
  setText(summary, `${rows.size} rule${rows.size === 1 ? '' : 's'} · ${parts.join(', ')}`);
  document.getElementById('alerts-empty').hidden = rows.size > 0;
  setFiringCount(firing ?? counts.firing);
}

/** Rows in the server's order (firing, pending, ok, not heard); each keeps its open history below it. */
function apply(alerts) {
  const now = clock.now();
  const seen = new Set();
  for (const a of alerts) {
    if (!a || !a.code) continue;
    seen.add(a.code);
    let row = rows.get(a.code);
    if (!row) {
      row = createRow(a);
      rows.set(a.code, row);
    } else {
      row.alert = a;
    }
    renderRow(row, now);
    body.append(row.tr, row.historyRow);
  }
  for (const [code, row] of rows) {
    if (!seen.has(code)) {
      row.tr.remove();
      row.historyRow.remove();
      rows.delete(code);
    }
  }
}

async function refresh() {
  if (loading) {
    loadAgain = true;
    return;
  }
  loading = true;
  try {
    const data = await api('/api/alerts');
    apply(Array.isArray(data?.alerts) ? data.alerts : []);
    renderSummary(typeof data?.firing === 'number' ? data.firing : null);
    for (const row of rows.values()) if (!row.historyRow.hidden) loadHistory(row);
    showPageError('');
  } catch (e) {
    if (e.status !== 401) showPageError(`Could not load the alerts: ${e.message}`);
  } finally {
    loading = false;
    table.setAttribute('aria-busy', 'false');
    if (loadAgain) {
      loadAgain = false;
      refresh();
    }
  }
}

// A burst of rule readings (an alerts node's interval sends every rule at once) costs one request.
function scheduleRefresh() {
  if (!refreshTimer) {
    refreshTimer = setTimeout(() => {
      refreshTimer = 0;
      refresh();
    }, REFRESH_DELAY_MS);
  }
}

// ---- history ----

function describe(status) {
  const parts = [status.message || ''];
  if (status.ack) parts.push('acknowledged');
  if (status.silencedUntil > 0) parts.push(`silenced until ${formatDateTime(status.silencedUntil)}`);
  return parts.filter(Boolean).join(' · ');
}

async function loadHistory(row) {
  const code = row.alert.code;
  try {
    const data = await api(`/api/alerts/${encodeURIComponent(code)}/history?limit=${HISTORY_LIMIT}`);
    const items = (Array.isArray(data?.transitions) ? data.transitions : []).filter((t) => t?.alert).map((t) =>
      el('li', { 'data-state': t.alert.state },
        el('time', { datetime: new Date(t.at).toISOString(), text: formatDateTime(t.at) }),
        el('span', { class: 'alert-state', 'data-state': t.alert.state, text: String(t.alert.state).toUpperCase() }),
        el('span', { text: describe(t.alert) })));
    if (items.length === 0) items.push(el('li', { class: 'muted', text: 'No stored changes in the last 7 days.' }));
    if (data?.truncated) items.push(el('li', { class: 'muted', text: `Only the latest ${HISTORY_LIMIT} changes are shown.` }));
    row.historyList.replaceChildren(...items);
  } catch (e) {
    if (e.status !== 401) row.historyList.replaceChildren(el('li', { class: 'muted', text: `No history: ${e.message}` }));
  }
}

function toggleHistory(row, button) {
  const open = row.historyRow.hidden;
  row.historyRow.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) {
    row.historyList.replaceChildren(el('li', { class: 'muted', text: 'Loading…' }));
    loadHistory(row);
  }
}

// ---- commands ----

function showResult(outcome, text) {
  result.dataset.outcome = outcome;
  result.textContent = text;
}

async function command(row, action, seconds, button) {
  const code = row.alert.code;
  const label = button.textContent;
  const buttons = row.tr.querySelectorAll('button[data-action]');
  buttons.forEach((b) => { b.disabled = true; });
  showResult('pending', `${label} → ${code}…`);
  try {
    await api(`/api/alerts/${encodeURIComponent(code)}/${action}`, {
      method: 'POST', body: action === 'silence' ? { seconds: Number(seconds) } : {},
    });
    // The alerts node answers with the rule's new state, which /live brings and the row then shows.
    showResult('ok', `${label} sent to ${code} (${row.alert.name})`);
  } catch (e) {
    showResult('error', `${label} ${code}: ${e.message}`);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    if (!button.hidden) button.focus();
  }
}

body.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  if (!button || button.disabled) return;
  const row = rows.get(button.closest('tr')?.dataset.code);
  if (!row) return;
  if (button.dataset.action === 'history') toggleHistory(row, button);
  else command(row, button.dataset.action, button.dataset.seconds, button);
});

function renderAges() {
  if (document.hidden) return;
  const now = clock.now();
  for (const row of rows.values()) renderRow(row, now);
}

async function start() {
  let info = null;
  try {
    info = await sessionPromise;
  } catch {
    info = null;
  }
  canCommand = !!info?.role && info.role !== 'viewer' && !info.anonymous;
  await refresh();
  connectLive({
    onSnapshot: () => scheduleRefresh(),
    onUpdate: (msg) => {
      if (Array.isArray(msg.sensors) && msg.sensors.some((s) => s && rows.has(s.code))) scheduleRefresh();
    },
  });
  setInterval(renderAges, 1000);
}

start();
