// Shared helpers of the JPH mesh dashboard: API calls, session, live feed, formatters and the nav bar.
// Plain ES module, no dependencies: every page imports what it needs from here.

export const STATUSES = ['OK', 'STALE', 'DOWN', 'HALTED', 'SEEN', 'UNKNOWN'];

/** An API answer that was not 2xx; `message` is the server's `error` text when it sent one. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** Server time: every answer carrying `now` corrects the offset, so ages do not depend on this machine's clock. */
export const clock = {
  offset: 0,
  sync(serverNow) {
    if (Number.isFinite(serverNow)) this.offset = serverNow - Date.now();
  },
  now() {
    return Date.now() + this.offset;
  },
};

export function loginUrl() {
  return '/login.html?next=' + encodeURIComponent(location.pathname + location.search);
}

let redirecting = false;
export function redirectToLogin() {
  if (redirecting) return;
  redirecting = true;
  location.assign(loginUrl());
}

let sessionPromise = null;

/** The session (`{user, role, csrf, anonymous}`), fetched once per page and cached; `refresh` fetches it again. */
export function session(refresh = false) {
  if (!sessionPromise || refresh) {
    sessionPromise = api('/api/session').catch((e) => {
      sessionPromise = null;
      throw e;
    });
  }
  return sessionPromise;
}

/**
 * fetch() for the JSON API: sends JSON, adds X-CSRF-Token to state changes, redirects to the login page on 401
 * (unless `redirectOn401` is false) and throws ApiError with the server's `error` message on any other failure.
 */
export async function api(path, { method = 'GET', body, redirectOn401 = true, csrf = true, retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const changesState = method !== 'GET' && method !== 'HEAD';
  let token = null;
  if (changesState && csrf) {
    token = (await session())?.csrf ?? null;
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network error: the dashboard server cannot be reached');
  }
  if (res.status === 401 && redirectOn401) {
    redirectToLogin();
    throw new ApiError(401, 'not logged in');
  }
  let data = null;
  if (res.status !== 204) {
    const text = await res.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
  }
  if (res.status === 403 && changesState && csrf && !retried) {
    // The token may have been rotated (new login in another tab): fetch it again and retry once.
    const fresh = await session(true).catch(() => null);
    if (fresh?.csrf && fresh.csrf !== token) {
      return api(path, { method, body, redirectOn401, csrf, retried: true });
    }
  }
  if (!res.ok) {
    const message = data && typeof data.error === 'string' && data.error ? data.error : `${res.status} ${res.statusText || 'error'}`;
    const err = new ApiError(res.status, message, data);
    err.retryAfter = res.headers.get('Retry-After');
    throw err;
  }
  if (data && typeof data.now === 'number') clock.sync(data.now);
  return data;
}

/** Sets the `#live-state` indicator (if the page has one): `connecting`, `live` or `reconnecting`. */
export function setLiveState(state) {
  const el = document.getElementById('live-state');
  if (!el || el.dataset.state === state) return;
  el.dataset.state = state;
  el.textContent = state;
}

/**
 * Opens WebSocket /live and keeps it open: reconnects with exponential back-off (1 s doubling to 30 s, with
 * jitter), and when a connection cannot be opened asks the API whether the session is gone (401 -> login page).
 * Handlers get the parsed messages: snapshot, update, event.
 */
export function connectLive({ onSnapshot, onUpdate, onEvent } = {}) {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live';
  let ws = null;
  let attempt = 0;
  let timer = 0;
  let stopped = false;

  const schedule = () => {
    const base = Math.min(30000, 1000 * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(open, base * (0.8 + Math.random() * 0.4));
  };

  const open = () => {
    timer = 0;
    if (stopped) return;
    setLiveState(attempt === 0 ? 'connecting' : 'reconnecting');
    let opened = false;
    try {
      ws = new WebSocket(url);
    } catch {
      schedule();
      return;
    }
    ws.addEventListener('open', () => {
      opened = true;
      setLiveState('live');
    });
    ws.addEventListener('message', (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return; // a garbled message says nothing about the next one
      }
      if (!msg || typeof msg !== 'object') return;
      if (typeof msg.now === 'number') clock.sync(msg.now);
      if (typeof msg.firing === 'number') setFiringCount(msg.firing);
      if (msg.type === 'snapshot') {
        attempt = 0;
        onSnapshot?.(msg);
      } else if (msg.type === 'update') {
        onUpdate?.(msg);
      } else if (msg.type === 'event') {
        onEvent?.(msg);
      }
    });
    ws.addEventListener('close', () => {
      ws = null;
      if (stopped) return;
      setLiveState('reconnecting');
      // A refused upgrade hides its status code: a viewer-level call tells whether the session expired.
      if (!opened) api('/api/nodes').catch(() => {});
      schedule();
    });
  };

  window.addEventListener('pagehide', () => {
    stopped = true;
    ws?.close();
  });
  // Without a session the upgrade would only be refused: let a viewer-level call send us to the login page first.
  session()
    .then((info) => (info?.anonymous ? api('/api/nodes') : null))
    .then(() => open(), (e) => {
      if (e?.status !== 401) open();
    });
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    },
  };
}

// ---- formatters ----

/** A number with at most 3 decimals, fewer as it grows (1234.6, 123.5, 12.35, 1.235, 0.123, 0.000123). */
export function formatNumber(v) {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  let s;
  if (abs >= 100) s = n.toFixed(1);
  else if (abs >= 10) s = n.toFixed(2);
  else if (abs >= 1) s = n.toFixed(3);
  else if (abs >= 1e-6) s = n.toPrecision(3);
  else return n.toExponential(2).replace(/\.?0+e/, 'e');
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** The word a discrete sensor's value stands for (its entry's States, on/off for a bool), or null. */
export function stateLabel(sensor, value) {
  const states = sensor?.states;
  if (!states || typeof value !== 'number' || !Number.isFinite(value)) return null;
  return states[String(Object.is(value, -0) ? 0 : value)] ?? null;
}

/** The unit as people write it (°C), falling back to the legacy symbol. */
export function unitOf(sensor) {
  return sensor?.unit ?? sensor?.symbol ?? '';
}

/** A value of `sensor` as text: its state's word, else the number with its unit. */
export function formatValue(sensor, value) {
  const label = stateLabel(sensor, value);
  if (label !== null) return label;
  const num = formatNumber(value);
  const unit = unitOf(sensor);
  return unit ? `${num} ${unit}` : num;
}

/** What a sensor reads: its state's word or value with its unit, else the raw text of `s`/`j` readings, else a dash. */
export function formatReading(sensor) {
  if (sensor.type === 'AlertRule' && typeof sensor.text === 'string') {
    // A rule's reading is its state document (docs/rules.md): its word says more than its 0/1.
    try {
      const state = JSON.parse(sensor.text)?.state;
      if (typeof state === 'string') return state;
    } catch {
      // not a state document: shown as any other reading
    }
  }
  if (sensor.value !== null && sensor.value !== undefined) return formatValue(sensor, sensor.value);
  if (sensor.text !== null && sensor.text !== undefined && sensor.text !== '') return String(sensor.text);
  return '—';
}

/** "3 s ago", "5 min ago", "2 h ago", "4 d ago" for an age in ms. */
export function formatAge(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'never';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 172800) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** Age of an epoch-ms timestamp against server time. */
export function ageOf(at) {
  return typeof at === 'number' ? formatAge(clock.now() - at) : 'never';
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h" for a duration in ms. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${s % 86400 >= 3600 ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

/** Local date and time, always with the date (formatTime leaves today's date out). */
export function formatDateTime(at) {
  return typeof at === 'number' ? new Date(at).toLocaleString() : '—';
}

export function formatTime(at) {
  if (typeof at !== 'number') return '—';
  const d = new Date(at);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

export function formatMs(ms) {
  return typeof ms === 'number' && Number.isFinite(ms) ? `${formatNumber(ms)} ms` : '—';
}

export function formatRate(perSecond) {
  return typeof perSecond === 'number' && Number.isFinite(perSecond) ? `${formatNumber(perSecond)} /s` : '—';
}

export function normStatus(status) {
  return STATUSES.includes(status) ? status : 'UNKNOWN';
}

// ---- DOM ----

/** createElement with attributes (`class`, `data-*`, properties) and children (nodes or strings). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'for') node.setAttribute(key, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export function statusBadge(status, extraClass = '') {
  const s = normStatus(status);
  return el('span', { class: `badge ${extraClass}`.trim(), 'data-status': s, text: s });
}

export function setStatusBadge(node, status) {
  const s = normStatus(status);
  if (node.dataset.status !== s) node.dataset.status = s;
  if (node.textContent !== s) node.textContent = s;
}

/** Shows an error in a page's `#page-error` banner. */
export function showPageError(message) {
  const box = document.getElementById('page-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = !message;
}

// ---- nav bar ----

const NAV_LINKS = [
  ['overview', 'index.html', 'Overview'],
  ['nodes', 'nodes.html', 'Nodes'],
  ['events', 'events.html', 'Events'],
  ['alerts', 'alerts.html', 'Alerts'],
  ['diagrams', 'diagram.html', 'Diagrams'],
  ['graphs', 'graphs.html', 'Graphs'],
];

/** The number of firing alert rules on the nav bar's Alerts link (from /live and /api/alerts); hidden at 0. */
export function setFiringCount(count) {
  const badge = document.getElementById('firing-count');
  if (!badge || !Number.isFinite(count)) return;
  const text = String(count);
  if (badge.textContent !== text) badge.textContent = text;
  badge.hidden = count <= 0;
  badge.title = `${count} firing`;
  badge.parentElement?.setAttribute('aria-label', count > 0 ? `Alerts, ${count} firing` : 'Alerts');
}

/**
 * Fills `<header id="topbar">` with brand, links, the live indicator (when `live`), user, role and logout,
 * and returns the session promise. `document.body.dataset.role` gets the role once known.
 */
export function mountNav(active, { live = false } = {}) {
  const bar = document.getElementById('topbar');
  const links = el('nav', { class: 'nav-links', 'aria-label': 'Main' });
  for (const [key, href, label] of NAV_LINKS) {
    const a = el('a', { href, 'data-nav': key, text: label });
    if (key === 'alerts') a.append(el('span', { id: 'firing-count', class: 'nav-badge', hidden: true }));
    if (key === active) a.setAttribute('aria-current', 'page');
    links.append(a);
  }
  const user = el('span', { id: 'nav-user', class: 'nav-user-email' });
  const role = el('span', { id: 'nav-role', class: 'role' });
  const logout = el('button', { type: 'button', id: 'logout-button', class: 'btn btn-quiet', text: 'Log out' });
  const menu = el('div', { id: 'nav-menu', class: 'nav-menu' }, links,
    el('div', { class: 'nav-user' }, user, role, logout));
  const toggle = el('button', {
    type: 'button', id: 'nav-toggle', class: 'nav-toggle btn btn-quiet',
    'aria-expanded': 'false', 'aria-controls': 'nav-menu', text: 'Menu',
  });
  const brand = el('a', { class: 'brand', href: 'index.html' },
    el('img', { src: 'favicon.svg', alt: '', width: 22, height: 22 }), el('span', { text: 'JPH mesh' }));
  const liveState = live
    ? el('span', { id: 'live-state', class: 'live-state', role: 'status', 'data-state': 'connecting', text: 'connecting' })
    : null;
  bar.replaceChildren(brand, liveState, toggle, menu);

  toggle.addEventListener('click', () => {
    const open = bar.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await api('/api/logout', { method: 'POST', redirectOn401: false });
    } catch {
      // Logged out either way: the login page is where we go.
    }
    location.assign('/login.html');
  });

  const s = session();
  s.then((info) => {
    user.textContent = info?.anonymous ? 'anonymous' : info?.user ?? '';
    role.textContent = info?.role ?? '';
    role.hidden = !info?.role;
    if (info?.role) document.body.dataset.role = info.role;
    if (info?.anonymous) {
      logout.hidden = true;
      menu.querySelector('.nav-user').append(el('a', { class: 'btn btn-quiet', href: loginUrl(), text: 'Log in' }));
    }
  }).catch(() => {});
  return s;
}
