// Nodes page: one row per node with its figures and commands. Status and liveness come live from WebSocket /live;
// rates, loss counters and ping RTT from GET /api/nodes every 5 s (the only poll of the dashboard).

import {
  mountNav, connectLive, api, clock, formatAge, formatRate, formatMs, setStatusBadge, statusBadge,
  showPageError, el, STATUSES, normStatus,
} from './app.js';

const POLL_MS = 5000;
const COMMANDS = [['ping', 'Ping'], ['halt', 'Halt'], ['start', 'Start'], ['reload', 'Reload']];

const sessionPromise = mountNav('nodes', { live: true });
const body = document.getElementById('nodes-body');
const table = document.getElementById('nodes-table');
const result = document.getElementById('command-result');
const summary = document.getElementById('nodes-summary');
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** code -> {node, tr, cells: {name, proxies, type, status, alive, rate, loss, rtt}} */
const rows = new Map();
let canCommand = false;
let polling = false;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function actionsCell(node) {
  const cell = el('td', { class: 'node-actions' });
  const wrap = el('div', { class: 'actions' });
  for (const [command, label] of COMMANDS) {
    wrap.append(el('button', {
      type: 'button', class: command === 'halt' ? 'btn-danger' : '', 'data-command': command,
      title: `${label} ${node.code}`, text: label,
    }));
  }
  if (node.controlEnabled) {
    wrap.append(el('input', { type: 'number', step: 'any', class: 'set-value', 'aria-label': `Value for ${node.code}`, placeholder: 'value' }),
      el('button', { type: 'button', 'data-command': 'set', title: `Set ${node.code} to the value`, text: 'Set' }),
      el('button', { type: 'button', 'data-command': 'step', title: `Step ${node.code} by the value`, text: 'Step' }));
  }
  cell.append(wrap);
  return cell;
}

function createRow(node) {
  const cells = {
    name: el('span', { class: 'node-name-text' }),
    proxies: el('span', { class: 'proxies' }),
    type: el('span', { class: 'node-type-text' }),
    program: el('span', { class: 'program-mark', text: 'program', title: 'A program of the mesh: halting it asks first' }),
    status: statusBadge(node.status),
    alive: el('td', { class: 'node-alive' }),
    rate: el('td', { class: 'node-rate num' }),
    loss: el('td', { class: 'node-loss num' }),
    rtt: el('td', { class: 'node-rtt num' }),
  };
  // data-label: the column's name, shown beside each value when a phone lays rows out as cards.
  const label = (td, text) => { td.dataset.label = text; return td; };
  const tr = el('tr', { 'data-code': node.code },
    label(el('td', { class: 'node-code code' }, el('a', { href: `sensor.html?code=${encodeURIComponent(node.code)}`, text: node.code })), 'Node'),
    label(el('td', { class: 'node-name' }, cells.name, cells.proxies), 'Name'),
    label(el('td', { class: 'node-type' }, cells.type, cells.program), 'Type'),
    label(el('td', { class: 'node-status' }, cells.status), 'Status'),
    label(cells.alive, 'Last alive'), label(cells.rate, 'Readings/s'), label(cells.loss, 'Lost/dup/reord'),
    label(cells.rtt, 'Ping'),
    canCommand ? actionsCell(node) : null);
  return { node: { ...node }, tr, cells, controlEnabled: !!node.controlEnabled };
}

function renderRow(row, now) {
  const n = row.node;
  setText(row.cells.name, n.name || '');
  const proxies = Array.isArray(n.proxies) && n.proxies.length ? `proxies: ${n.proxies.join(', ')}` : '';
  setText(row.cells.proxies, proxies);
  row.cells.proxies.hidden = !proxies;
  setText(row.cells.type, n.type || '—');
  row.cells.program.hidden = !n.program;
  // State-aware commands: Start only for a halted node, Halt only for a running one.
  const halted = n.active === false;
  const startButton = row.tr.querySelector('button[data-command="start"]');
  const haltButton = row.tr.querySelector('button[data-command="halt"]');
  if (startButton) startButton.hidden = !halted;
  if (haltButton) haltButton.hidden = halted;
  setStatusBadge(row.cells.status, n.status);
  row.tr.dataset.status = normStatus(n.status);
  setText(row.cells.alive, typeof n.aliveAt === 'number' ? formatAge(now - n.aliveAt) : 'never');
  setText(row.cells.rate, formatRate(n.readingRate));
  const count = (v) => (typeof v === 'number' ? String(v) : '—');
  setText(row.cells.loss, `${count(n.lost)} / ${count(n.duplicated)} / ${count(n.reordered)}`);
  setText(row.cells.rtt, formatMs(n.pingRttMs));
}

function insertRow(row) {
  let before = null;
  for (const [code, other] of rows) {
    if (collator.compare(code, row.node.code) > 0 && (!before || collator.compare(before.node.code, code) > 0)) before = other;
  }
  body.insertBefore(row.tr, before ? before.tr : null);
}

function renderSummary() {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const row of rows.values()) counts[normStatus(row.node.status)] += 1;
  const parts = STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  setText(summary, `${rows.size} node${rows.size === 1 ? '' : 's'}${parts.length ? ` · ${parts.join(', ')}` : ''}`);
  document.getElementById('nodes-empty').hidden = rows.size > 0;
}

/** GET /api/nodes: adds, updates and removes rows; the rows' inputs keep what the user typed. */
async function refresh() {
  if (polling) return;
  polling = true;
  try {
    const data = await api('/api/nodes');
    const nodes = Array.isArray(data?.nodes) ? data.nodes.filter((n) => n && n.code) : [];
    const now = clock.now();
    const seen = new Set();
    for (const n of nodes) {
      seen.add(n.code);
      let row = rows.get(n.code);
      if (row && row.controlEnabled !== !!n.controlEnabled) {
        row.tr.remove();
        rows.delete(n.code);
        row = null;
      }
      if (!row) {
        row = createRow(n);
        insertRow(row);
        rows.set(n.code, row);
      } else {
        Object.assign(row.node, n);
      }
      renderRow(row, now);
    }
    for (const [code, row] of rows) {
      if (!seen.has(code)) {
        row.tr.remove();
        rows.delete(code);
      }
    }
    renderSummary();
    showPageError('');
  } catch (e) {
    if (e.status !== 401) showPageError(`Could not load nodes: ${e.message}`);
  } finally {
    polling = false;
    table.setAttribute('aria-busy', 'false');
  }
}

function onSensors(sensors) {
  if (!Array.isArray(sensors)) return;
  const now = clock.now();
  let changed = false;
  for (const s of sensors) {
    const row = s && rows.get(s.code);
    if (!row) continue;
    for (const key of ['status', 'aliveAt', 'active']) if (key in s) row.node[key] = s[key];
    renderRow(row, now);
    changed = true;
  }
  if (changed) renderSummary();
}

function renderAges() {
  if (document.hidden) return;
  const now = clock.now();
  for (const row of rows.values()) {
    setText(row.cells.alive, typeof row.node.aliveAt === 'number' ? formatAge(now - row.node.aliveAt) : 'never');
  }
}

// ---- commands ----

function showResult(outcome, text, command, code) {
  result.dataset.outcome = outcome;
  result.dataset.command = command;
  result.dataset.code = code;
  result.textContent = text;
}

async function sendCommand(row, command, button) {
  const code = row.node.code;
  let value = null;
  if (command === 'set' || command === 'step') {
    const input = row.tr.querySelector('.set-value');
    value = input && input.value.trim() !== '' ? Number(input.value) : NaN;
    if (!Number.isFinite(value)) {
      showResult('error', `${command} ${code}: enter a number first.`, command, code);
      input?.focus();
      return;
    }
  }
  const buttons = row.tr.querySelectorAll('button[data-command]');
  buttons.forEach((b) => { b.disabled = true; });
  showResult('pending', `${command}${value === null ? '' : ` ${value}`} → ${code}…`, command, code);
  try {
    const answer = await api(`/api/nodes/${encodeURIComponent(code)}/commands`, { method: 'POST', body: { command, value } });
    if (command === 'ping') {
      const replies = Array.isArray(answer?.replies) ? answer.replies : [];
      if (replies.length === 0) {
        showResult('error', `ping ${code}: no reply`, command, code);
      } else {
        showResult('ok', `ping ${code}: ${replies.map((r) => `reply from ${r.from} in ${formatMs(r.rttMs)}`).join(', ')}`, command, code);
        const own = replies.find((r) => r.from === code);
        if (own && typeof own.rttMs === 'number') {
          row.node.pingRttMs = own.rttMs;
          renderRow(row, clock.now());
        }
      }
    } else if (answer?.sent === false) {
      showResult('error', `${command} ${code}: not sent`, command, code);
    } else {
      const to = Array.isArray(answer?.to) ? answer.to.join(', ') : answer?.to ?? code;
      showResult('ok', `${command}${value === null ? '' : ` ${value}`} sent to ${to}`, command, code);
    }
  } catch (e) {
    showResult('error', `${command} ${code}: ${e.message}`, command, code);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    button.focus();
  }
}

/** The question asked before a halt or a reload, or null for commands that need none. */
function confirmation(node, command) {
  if (command !== 'halt' && command !== 'reload') return null;
  const who = `${node.code}${node.name ? ` (${node.name})` : ''}`;
  const program = node.program ? ` ${node.code} is a program of the mesh (${node.type}):` : '';
  if (command === 'halt') {
    return `Halt ${who}?${program} it stops its work until someone sends Start; it keeps answering pings.`;
  }
  return `Reload ${who}?${program} it reads its configuration again and restarts its sequence.`;
}

body.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-command]');
  if (!button || button.disabled) return;
  const row = rows.get(button.closest('tr')?.dataset.code);
  if (!row) return;
  const question = confirmation(row.node, button.dataset.command);
  if (question && !window.confirm(question)) {
    showResult('cancelled', `${button.dataset.command} ${row.node.code}: cancelled`, button.dataset.command, row.node.code);
    return;
  }
  sendCommand(row, button.dataset.command, button);
});

body.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !e.target.classList.contains('set-value')) return;
  const row = rows.get(e.target.closest('tr')?.dataset.code);
  if (row) sendCommand(row, 'set', row.tr.querySelector('button[data-command="set"]'));
});

async function start() {
  let info = null;
  try {
    info = await sessionPromise;
  } catch {
    info = null;
  }
  canCommand = !!info?.role && info.role !== 'viewer' && !info.anonymous;
  document.querySelector('#nodes-table th.actions-col').hidden = !canCommand;
  await refresh();
  setInterval(() => {
    if (!document.hidden) refresh();
  }, POLL_MS);
  connectLive({
    onSnapshot: (msg) => onSensors(msg.sensors),
    onUpdate: (msg) => onSensors(msg.sensors),
  });
  setInterval(renderAges, 1000);
}

start();
