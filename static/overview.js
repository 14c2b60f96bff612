// Overview: one tile per sensor, nodes as cards side by side in one dense grid, fed by WebSocket /live.
// Built for 1,000+ tiles: the DOM is built once from the snapshot, updates are queued per code and applied in one
// requestAnimationFrame touching only what changed, and ages are refreshed in a single pass per second. Each tile's
// sparkline is seeded from the history API once the tile is on screen, then grows from the live feed.

import { mountNav, connectLive, api, clock, formatReading, formatAge, normStatus, el, STATUSES } from './app.js';
import { GAP_FACTOR, valueStyle } from './charts.js';
import { Sparkline, SPARK_WINDOW_MS } from './sparkline.js';

mountNav('overview', { live: true });

const container = document.getElementById('tiles');
const filterInput = document.getElementById('filter');
const filterButtons = [...document.querySelectorAll('#status-filters button[data-status-filter]')];
const summary = document.getElementById('summary');
const noMatch = document.getElementById('no-match');
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const SEED_CONCURRENCY = 4;
const SPARK_SLIDE_MS = 10 * 1000;

/** code -> {sensor, el, nameEl, valueEl, ageEl, statusEl, valueText, ageText, status, readingAt, visible, hay, group} */
const tiles = new Map();
/** node code -> {code, el, grid, nameEl, countEl, total, visible} */
const groups = new Map();
const pending = new Map();
const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
const dirtyGroups = new Set();
const filter = { text: '', status: 'ALL' };
let frame = 0;
let filterFrame = 0;
let countsDirty = true;
let visibleTotal = 0;
const sparkDirty = new Set();
const seedQueue = [];
let seeding = 0;
let historyAvailable = true;

function haystack(s) {
  return `${s.code ?? ''}\n${s.name ?? ''}\n${s.longName ?? ''}`.toLowerCase();
}

function matches(t) {
  return (filter.status === 'ALL' || t.status === filter.status) && (!filter.text || t.hay.includes(filter.text));
}

function ageText(readingAt, now) {
  return typeof readingAt === 'number' ? formatAge(now - readingAt) : 'no reading';
}

function nodeKey(s) {
  return s.node || s.code || '?';
}

function createGroup(code) {
  const nameEl = el('span', { class: 'group-name' });
  const countEl = el('span', { class: 'group-count' });
  const grid = el('div', { class: 'tile-grid' });
  const section = el('section', { class: 'node-group', 'data-node': code, 'aria-label': `Node ${code}` },
    el('h2', {}, el('span', { class: 'code', text: code }), nameEl, countEl), grid);
  const g = { code, el: section, grid, nameEl, countEl, total: 0, visible: 0 };
  groups.set(code, g);
  return g;
}

function createTile(s, now) {
  const status = normStatus(s.status);
  const valueText = formatReading(s);
  const age = ageText(s.readingAt, now);
  const nameEl = el('span', { class: 'tile-name', text: s.name || s.code });
  const valueEl = el('span', { class: 'tile-value', text: valueText });
  const ageEl = el('span', { class: 'tile-age', text: age });
  const statusEl = el('span', { class: 'tile-status', text: status });
  const interval = typeof s.intervalMs === 'number' ? s.intervalMs : 0;
  const spark = new Sparkline(GAP_FACTOR * interval, valueStyle(s).discrete);
  spark.add(s.readingAt, s.value);
  const a = el('a', {
    class: 'tile', href: `sensor.html?code=${encodeURIComponent(s.code)}`, 'data-code': s.code, 'data-status': status,
    title: s.longName ? `${s.longName} (${s.code})` : s.code,
  },
  el('span', { class: 'tile-head' }, nameEl, el('span', { class: 'tile-code', text: s.code })),
  valueEl,
  spark.svg,
  el('span', { class: 'tile-foot' }, ageEl, statusEl));
  const t = {
    sensor: { ...s }, el: a, nameEl, valueEl, ageEl, statusEl, valueText, ageText: age, status,
    readingAt: s.readingAt, visible: true, hay: haystack(s), group: null, spark, onScreen: false, seeded: false,
  };
  sparkDirty.add(t);
  onScreen.observe(a);
  counts[status] += 1;
  countsDirty = true;
  return t;
}

function groupTitle(g) {
  const own = tiles.get(g.code);
  const name = own?.sensor.name ?? '';
  if (g.nameEl.textContent !== name) g.nameEl.textContent = name;
}

function attach(t, g) {
  t.group = g;
  g.total += 1;
  t.visible = matches(t);
  t.el.hidden = !t.visible;
  if (t.visible) {
    g.visible += 1;
    visibleTotal += 1;
  }
  dirtyGroups.add(g);
}

function sortSensors(list) {
  return list.sort((a, b) => {
    const byNode = collator.compare(nodeKey(a), nodeKey(b));
    if (byNode) return byNode;
    // the node's own sensor first, then its proxies
    if (a.code === nodeKey(a)) return -1;
    if (b.code === nodeKey(b)) return 1;
    return collator.compare(a.code, b.code);
  });
}

/** First snapshot (or one whose sensors changed): builds every group and tile in one fragment. */
function build(list) {
  tiles.clear();
  groups.clear();
  for (const s of STATUSES) counts[s] = 0;
  visibleTotal = 0;
  const now = clock.now();
  const fragment = document.createDocumentFragment();
  for (const s of sortSensors(list.filter((x) => x && x.code))) {
    if (tiles.has(s.code)) continue;
    const key = nodeKey(s);
    let g = groups.get(key);
    if (!g) {
      g = createGroup(key);
      fragment.append(g.el);
    }
    const t = createTile(s, now);
    tiles.set(s.code, t);
    g.grid.append(t.el);
    attach(t, g);
  }
  for (const g of groups.values()) groupTitle(g);
  container.replaceChildren(fragment);
  if (tiles.size === 0) container.append(el('p', { class: 'empty', text: 'No sensors are known yet.' }));
  container.setAttribute('aria-busy', 'false');
  finishVisibility();
  renderCounts();
}

/** A sensor that appeared after the snapshot: inserted in order, in its group (created if needed). */
function addTile(s) {
  const key = nodeKey(s);
  let g = groups.get(key);
  if (!g) {
    g = createGroup(key);
    const before = [...groups.values()].find((o) => o !== g && collator.compare(o.code, key) > 0);
    container.querySelector(':scope > p.empty')?.remove();
    container.insertBefore(g.el, before ? before.el : null);
  }
  const t = createTile(s, clock.now());
  tiles.set(s.code, t);
  let before = null;
  if (s.code !== key) {
    for (const other of g.grid.children) {
      const code = other.dataset.code;
      if (code !== key && collator.compare(code, s.code) > 0) {
        before = other;
        break;
      }
    }
  } else {
    before = g.grid.firstElementChild;
  }
  g.grid.insertBefore(t.el, before);
  attach(t, g);
  groupTitle(g);
}

function removeTile(code) {
  const t = tiles.get(code);
  if (!t) return;
  tiles.delete(code);
  counts[t.status] -= 1;
  countsDirty = true;
  const g = t.group;
  g.total -= 1;
  if (t.visible) {
    g.visible -= 1;
    visibleTotal -= 1;
  }
  onScreen.unobserve(t.el);
  sparkDirty.delete(t);
  t.el.remove();
  if (g.total === 0) {
    g.el.remove();
    groups.delete(g.code);
    dirtyGroups.delete(g);
  } else {
    dirtyGroups.add(g);
  }
}

function setVisible(t, visible) {
  if (t.visible === visible) return;
  t.visible = visible;
  t.el.hidden = !visible;
  t.group.visible += visible ? 1 : -1;
  visibleTotal += visible ? 1 : -1;
  dirtyGroups.add(t.group);
}

function applySensor(s) {
  const t = tiles.get(s.code);
  if (!t) {
    addTile(s);
    return;
  }
  const merged = Object.assign(t.sensor, s);
  if (nodeKey(merged) !== t.group.code) {
    removeTile(s.code);
    addTile(merged);
    return;
  }
  const valueText = formatReading(merged);
  if (valueText !== t.valueText) {
    t.valueText = valueText;
    t.valueEl.textContent = valueText;
  }
  const status = normStatus(merged.status);
  if (status !== t.status) {
    counts[t.status] -= 1;
    counts[status] += 1;
    countsDirty = true;
    t.status = status;
    t.el.dataset.status = status;
    t.statusEl.textContent = status;
    setVisible(t, matches(t));
  }
  if (merged.readingAt !== t.readingAt) {
    if (t.spark.add(merged.readingAt, merged.value)) sparkDirty.add(t);
    t.readingAt = merged.readingAt;
    const age = ageText(t.readingAt, clock.now());
    if (age !== t.ageText) {
      t.ageText = age;
      t.ageEl.textContent = age;
    }
  }
  const name = merged.name || merged.code;
  if (name !== t.nameEl.textContent) {
    t.nameEl.textContent = name;
    t.hay = haystack(merged);
    setVisible(t, matches(t));
    if (t.group.code === merged.code) groupTitle(t.group);
  }
}

function finishVisibility() {
  const filtered = filter.text !== '' || filter.status !== 'ALL';
  for (const g of dirtyGroups) {
    g.el.hidden = g.visible === 0;
    const text = filtered ? `${g.visible} of ${g.total}` : `${g.total} sensor${g.total === 1 ? '' : 's'}`;
    if (g.countEl.textContent !== text) g.countEl.textContent = text;
  }
  dirtyGroups.clear();
  noMatch.hidden = !(tiles.size > 0 && visibleTotal === 0);
  const text = `${tiles.size} sensor${tiles.size === 1 ? '' : 's'} on ${groups.size} node${groups.size === 1 ? '' : 's'}`
    + (filtered ? ` · ${visibleTotal} shown` : '');
  if (summary.textContent !== text) summary.textContent = text;
}

function renderCounts() {
  if (!countsDirty) return;
  countsDirty = false;
  for (const b of filterButtons) {
    const key = b.dataset.statusFilter;
    const n = key === 'ALL' ? tiles.size : counts[key] ?? 0;
    const span = b.querySelector('.count');
    if (span && span.textContent !== String(n)) span.textContent = String(n);
  }
}

function drawSparks() {
  const now = clock.now();
  for (const t of sparkDirty) {
    if (t.onScreen) {
      t.spark.draw(now);
      sparkDirty.delete(t);
    }
  }
}

function flush() {
  frame = 0;
  for (const s of pending.values()) applySensor(s);
  pending.clear();
  finishVisibility();
  renderCounts();
  drawSparks();
}

// ---- sparkline seeds: the last 15 minutes from the history API, only for tiles on screen, a few at a time ----

function seedNext() {
  while (historyAvailable && seeding < SEED_CONCURRENCY && seedQueue.length) {
    const t = seedQueue.shift();
    if (!tiles.has(t.sensor.code)) continue;
    seeding += 1;
    const to = clock.now();
    api(`/api/sensors/${encodeURIComponent(t.sensor.code)}/history?from=${Math.floor(to - SPARK_WINDOW_MS)}&to=${Math.ceil(to)}`)
      .then((h) => {
        t.spark.seed(Array.isArray(h?.t) ? h.t : [], Array.isArray(h?.mean) ? h.mean : []);
        sparkDirty.add(t);
        t.el.dataset.spark = String(t.spark.size);
        if (!frame) frame = requestAnimationFrame(flush);
      }, (e) => {
        // No database behind this dashboard: the sparklines grow from the live feed alone.
        if (e?.status === 503) historyAvailable = false;
      })
      .finally(() => {
        seeding -= 1;
        seedNext();
      });
  }
}

const onScreen = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const t = tiles.get(entry.target.dataset.code);
    if (!t) continue;
    t.onScreen = entry.isIntersecting;
    if (t.onScreen && !t.seeded) {
      t.seeded = true;
      seedQueue.push(t);
    }
    if (t.onScreen) sparkDirty.add(t);
  }
  seedNext();
  if (!frame) frame = requestAnimationFrame(flush);
}, { rootMargin: '200px' });

/** The window slides even without readings: redraw what is on screen every 10 s. */
function slideSparks() {
  if (document.hidden) return;
  for (const t of tiles.values()) if (t.onScreen) sparkDirty.add(t);
  if (!frame) frame = requestAnimationFrame(flush);
}

function queue(sensors) {
  if (!Array.isArray(sensors)) return;
  for (const s of sensors) {
    if (!s || !s.code) continue;
    const prev = pending.get(s.code);
    pending.set(s.code, prev ? Object.assign(prev, s) : { ...s });
  }
  if (!frame) frame = requestAnimationFrame(flush);
}

function applyFilter() {
  filterFrame = 0;
  for (const t of tiles.values()) setVisible(t, matches(t));
  for (const g of groups.values()) dirtyGroups.add(g);
  finishVisibility();
}

function scheduleFilter() {
  if (!filterFrame) filterFrame = requestAnimationFrame(applyFilter);
}

function tickAges() {
  if (document.hidden || tiles.size === 0) return;
  const now = clock.now();
  for (const t of tiles.values()) {
    const age = ageText(t.readingAt, now);
    if (age !== t.ageText) {
      t.ageText = age;
      t.ageEl.textContent = age;
    }
  }
}

filterInput.addEventListener('input', () => {
  filter.text = filterInput.value.trim().toLowerCase();
  scheduleFilter();
});

for (const b of filterButtons) {
  b.addEventListener('click', () => {
    filter.status = b.dataset.statusFilter;
    for (const other of filterButtons) other.setAttribute('aria-pressed', String(other === b));
    scheduleFilter();
  });
}

connectLive({
  onSnapshot(msg) {
    const list = Array.isArray(msg.sensors) ? msg.sensors : [];
    if (frame) {
      cancelAnimationFrame(frame);
      frame = 0;
    }
    pending.clear();
    if (tiles.size === 0) {
      build(list);
      return;
    }
    // A reconnect: keep the DOM, drop sensors that are gone and apply the rest as updates.
    const seen = new Set(list.map((s) => s?.code));
    for (const code of [...tiles.keys()]) if (!seen.has(code)) removeTile(code);
    queue(list);
  },
  onUpdate(msg) {
    queue(msg.sensors);
  },
});

setInterval(tickAges, 1000);
setInterval(slideSparks, SPARK_SLIDE_MS);
document.addEventListener('visibilitychange', tickAges);
