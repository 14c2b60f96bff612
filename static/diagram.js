// Diagrams: without ?name= the list of the folder's diagrams (and the files that do not read well); with it, one
// diagram's image scaled to the page and each item's live value over it, fed by WebSocket /live as the tiles are.

import { mountNav, connectLive, api, formatReading, normStatus, el, showPageError } from './app.js';

const $ = (id) => document.getElementById(id);
const name = new URLSearchParams(location.search).get('name');

mountNav('diagrams', { live: Boolean(name) });

/** code -> [{el, valueEl, valueText, status}]: one code may sit on a diagram more than once. */
const items = new Map();
/** The latest of every sensor the live feed told about, merged, so an item added later starts right. */
const sensors = new Map();
const pending = new Map();
let frame = 0;

function showProblems(problems) {
  const list = $('diagram-problems');
  list.replaceChildren(...problems.map((p) => el('li', { class: 'error-box', 'data-file': p.file, text: p.error })));
  list.hidden = problems.length === 0;
}

async function showList() {
  const answer = await api('/api/diagrams');
  showProblems(answer.problems ?? []);
  const list = $('diagram-list');
  list.replaceChildren(...(answer.diagrams ?? []).map((d) => el('li', {},
    el('a', { href: `diagram.html?name=${encodeURIComponent(d.name)}`, 'data-name': d.name, text: d.title }))));
  list.hidden = list.childElementCount === 0;
  const empty = $('diagram-empty');
  empty.textContent = !answer.configured
    ? 'This dashboard has no diagrams: Sensor.Web.Diagrams names their folder (docs/web.md, Diagrams).'
    : 'The diagrams folder holds no diagram yet: an .svg or .png with a .json beside it (docs/web.md, Diagrams).';
  empty.hidden = list.childElementCount > 0;
  $('diagram-summary').textContent = `${list.childElementCount} diagram${list.childElementCount === 1 ? '' : 's'}`;
}

function placeItem(item, width, height) {
  const value = el('span', { class: 'diagram-value', text: '—' });
  const link = el('a', {
    class: 'diagram-item', href: `sensor.html?code=${encodeURIComponent(item.code)}`, 'data-code': item.code,
    'data-status': 'UNKNOWN', title: item.code,
  }, item.label ? el('span', { class: 'diagram-label', text: item.label }) : null, value);
  // Percentages of the frame: the values stay on their spot at any width the image is scaled to.
  link.style.left = `${(item.x / width) * 100}%`;
  link.style.top = `${(item.y / height) * 100}%`;
  const entry = { el: link, valueEl: value, valueText: '—', status: 'UNKNOWN' };
  if (!items.has(item.code)) items.set(item.code, []);
  items.get(item.code).push(entry);
  return link;
}

function render(code) {
  const s = sensors.get(code);
  if (!s) return;
  const text = formatReading(s);
  const status = normStatus(s.status);
  const title = `${s.name || code} (${code}): ${status}`;
  for (const entry of items.get(code) ?? []) {
    if (entry.valueText !== text) {
      entry.valueText = text;
      entry.valueEl.textContent = text;
    }
    if (entry.status !== status) {
      entry.status = status;
      entry.el.dataset.status = status;
    }
    if (entry.el.title !== title) entry.el.title = title;
  }
}

function flush() {
  frame = 0;
  for (const [code, s] of pending) {
    sensors.set(code, Object.assign(sensors.get(code) ?? {}, s));
    render(code);
  }
  pending.clear();
}

function queue(list) {
  if (!Array.isArray(list)) return;
  for (const s of list) {
    if (!s || !s.code) continue;
    pending.set(s.code, Object.assign(pending.get(s.code) ?? {}, s));
  }
  if (!frame) frame = requestAnimationFrame(flush);
}

function imageLoaded(img) {
  return img.complete && img.naturalWidth > 0
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', () => reject(new Error('the image could not be loaded')), { once: true });
    });
}

async function showDiagram() {
  const diagram = await api(`/api/diagrams/${encodeURIComponent(name)}`);
  document.title = `${diagram.title} · JPH mesh`;
  $('diagram-title').textContent = diagram.title;
  $('diagram-summary').replaceChildren(el('a', { href: 'diagram.html', text: 'All diagrams' }));
  const stage = $('diagram-stage');
  const img = el('img', { src: `/api/diagrams/${encodeURIComponent(name)}/image`, alt: diagram.title, class: 'diagram-image' });
  stage.replaceChildren(img);
  stage.hidden = false;
  await imageLoaded(img);
  const width = diagram.width ?? img.naturalWidth;
  const height = diagram.height ?? img.naturalHeight;
  if (!(width > 0) || !(height > 0)) throw new Error('the image has no size: give width and height in its JSON');
  // Never wider than the picture itself, and never wider than the page.
  stage.style.maxWidth = `${img.naturalWidth || width}px`;
  stage.append(...diagram.items.map((item) => placeItem(item, width, height)));
  stage.dataset.ready = 'true';
  for (const code of items.keys()) render(code);
  connectLive({
    onSnapshot(msg) {
      queue(msg.sensors);
    },
    onUpdate(msg) {
      queue(msg.sensors);
    },
  });
}

(name ? showDiagram() : showList()).catch((e) => {
  if (e?.status === 401) return;
  showPageError(e?.message ?? String(e));
});
