// Login page: POST /api/login with JSON, then go to `next` (a same-origin path) or to the overview.

const form = document.getElementById('login-form');
const email = document.getElementById('email');
const password = document.getElementById('password');
const button = document.getElementById('login-button');
const errorBox = document.getElementById('login-error');

/** Only a path on this site: resolved by the browser's own URL parser, so tabs or backslashes cannot smuggle in another host. */
function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  if (!next) return '/';
  let target;
  try {
    target = new URL(next, location.origin);
  } catch {
    return '/';
  }
  if (target.origin !== location.origin || target.pathname.startsWith('/login.html')) return '/';
  return target.pathname + target.search + target.hash;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

/** A pre-login CSRF token, if the server hands one to anonymous sessions; none is fine. */
async function anonymousCsrf() {
  try {
    const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const body = await res.json();
    return typeof body?.csrf === 'string' ? body.csrf : null;
  } catch {
    return null;
  }
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  showError('');
  if (!email.value.trim() || !password.value) {
    showError('Enter your email and password.');
    (email.value.trim() ? password : email).focus();
    return;
  }
  button.disabled = true;
  button.textContent = 'Logging in…';
  try {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const csrf = await anonymousCsrf();
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const res = await fetch('/api/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({ email: email.value.trim(), password: password.value }),
    });
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (res.ok) {
      location.assign(nextPath());
      return;
    }
    let message = body && typeof body.error === 'string' && body.error ? body.error
      : res.status === 401 ? 'Wrong email or password.'
      : res.status === 429 ? 'Too many attempts, try again later.'
      : `Login failed (${res.status}).`;
    const retry = res.status === 429 ? Number(res.headers.get('Retry-After')) : NaN;
    if (Number.isFinite(retry) && retry > 0) message += ` (try again in ${retry} s)`;
    showError(message);
    password.select();
  } catch {
    showError('The dashboard server cannot be reached.');
  } finally {
    button.disabled = false;
    button.textContent = 'Log in';
  }
});
