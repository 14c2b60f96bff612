// A tile's sparkline: the last 15 minutes as one SVG path, built for 1,000 tiles at 1,000 readings/s.
// Points are kept one per 10 s slot (the latest reading of the slot), so a tile holds at most 90 and a redraw is a
// single attribute write; silences longer than about two intervals break the line, discrete sensors draw steps.

export const SPARK_WINDOW_MS = 15 * 60 * 1000;
const SLOT_MS = 10 * 1000;
const WIDTH = 90; // the viewBox: one unit per slot
const HEIGHT = 20;
const SVG = 'http://www.w3.org/2000/svg';

export class Sparkline {
  /** `gapMs`: silence that breaks the line (0 = never); `discrete`: hold each value until the next (steps). */
  constructor(gapMs, discrete) {
    // Kept points are a slot apart, so only a silence longer than a couple of slots can show as a break.
    this.gapMs = gapMs > 0 ? Math.max(gapMs, 2.2 * SLOT_MS) : 0;
    this.discrete = discrete;
    this.t = [];
    this.v = [];
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'tile-spark');
    this.svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('aria-hidden', 'true');
    this.path = document.createElementNS(SVG, 'path');
    this.svg.append(this.path);
  }

  /** A reading at `t` (epoch ms); readings older than the newest kept slot are ignored. */
  add(t, v) {
    if (typeof t !== 'number' || typeof v !== 'number' || !Number.isFinite(v)) return false;
    const n = this.t.length;
    if (n && t < this.t[n - 1]) return false;
    if (n && Math.floor(t / SLOT_MS) === Math.floor(this.t[n - 1] / SLOT_MS)) {
      this.t[n - 1] = t;
      this.v[n - 1] = v;
    } else {
      this.t.push(t);
      this.v.push(v);
    }
    return true;
  }

  /** Readings from the history API (ascending), before any live one. */
  seed(ts, vs) {
    const t = this.t;
    const v = this.v;
    this.t = [];
    this.v = [];
    for (let i = 0; i < ts.length; i++) this.add(ts[i], vs[i]);
    for (let i = 0; i < t.length; i++) this.add(t[i], v[i]);
  }

  /** Redraws against `now`: drops what slid out of the window, scales to the values kept. */
  draw(now) {
    const start = now - SPARK_WINDOW_MS;
    let drop = 0;
    while (drop < this.t.length - 1 && this.t[drop + 1] < start) drop += 1;
    if (drop) {
      this.t.splice(0, drop);
      this.v.splice(0, drop);
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of this.v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (!this.t.length) {
      this.path.setAttribute('d', '');
      return;
    }
    const span = hi - lo || 1;
    const x = (t) => Math.max(0, ((t - start) / SPARK_WINDOW_MS) * WIDTH).toFixed(1);
    const y = (v) => (HEIGHT - 1 - ((v - (hi === lo ? lo - 0.5 : lo)) / span) * (HEIGHT - 2)).toFixed(1);
    let d = '';
    for (let i = 0; i < this.t.length; i++) {
      const broken = i === 0 || (this.gapMs > 0 && this.t[i] - this.t[i - 1] > this.gapMs);
      if (broken) d += `M${x(this.t[i])} ${y(this.v[i])}`;
      else if (this.discrete) d += `H${x(this.t[i])}V${y(this.v[i])}`;
      else d += `L${x(this.t[i])} ${y(this.v[i])}`;
    }
    // The last value holds until now, unless the sensor has gone silent.
    const last = this.t[this.t.length - 1];
    if (!this.gapMs || now - last <= this.gapMs) d += `H${x(now)}`;
    this.path.setAttribute('d', d);
  }

  get size() {
    return this.t.length;
  }
}
