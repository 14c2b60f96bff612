// uPlot wrappers of the sensor page: a live line and a history mean with a min/max band.
// uPlot is vendored (vendor/uplot) and loaded as a classic script, so it is the global `uPlot`.

import { api, formatNumber, formatValue, unitOf } from './app.js';

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartHeight() {
  return window.matchMedia('(max-width: 560px)').matches ? 200 : 260;
}

/**
 * How a sensor's values are drawn: its unit, its state words, and whether it moves in steps (integer, bool and
 * state sensors hold a value until the next reading, so a sloped line between two readings would be a lie).
 */
export function valueStyle(sensor) {
  const states = sensor?.states ?? null;
  const discrete = !!states || sensor?.dataType === 'integer' || sensor?.dataType === 'bool' || sensor?.type === 'AlertRule';
  return { sensor: sensor ?? {}, unit: unitOf(sensor), states, discrete };
}

const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6, 1e7, 1e8, 1e9];

function stateValues(states) {
  return Object.keys(states).map(Number).filter(Number.isFinite).sort((a, b) => a - b);
}

function axes(style) {
  const stroke = cssVar('--muted', '#5a6576');
  const grid = { stroke: cssVar('--border', '#dce2ea'), width: 1 };
  const y = { stroke, grid, ticks: grid, size: 60, label: style.unit || undefined, values: (u, vals) => vals.map(formatNumber) };
  if (style.states) {
    // A labelled axis: one tick per state, named by its word.
    const values = stateValues(style.states);
    y.splits = () => values;
    y.values = (u, vals) => vals.map((v) => style.states[String(v)] ?? '');
    y.size = 80;
  } else if (style.discrete) {
    y.incrs = WHOLE_STEPS;
  }
  return [{ stroke, grid, ticks: grid }, y];
}

/** The y scale of a state sensor spans all its states, whatever the readings in view; others fit their data. */
function yScale(style) {
  if (!style.states) return {};
  const values = stateValues(style.states);
  const lo = values[0];
  const hi = values[values.length - 1];
  const pad = Math.max(0.2, (hi - lo) * 0.1);
  return { range: (u, min, max) => [Math.min(lo, min ?? lo) - pad, Math.max(hi, max ?? hi) + pad] };
}

function legendValue(style) {
  return (u, v) => (v === null || v === undefined ? '—' : formatValue(style.sensor, v));
}

/** Step lines for discrete sensors: the value holds until the next reading. */
function linePaths(style) {
  return style.discrete ? { paths: uPlot.paths.stepped({ align: 1 }) } : {};
}

/** Keeps a chart as wide as its container. */
function follow(container, chart) {
  let last = 0;
  const observer = new ResizeObserver(() => {
    const width = Math.floor(container.clientWidth);
    if (width > 0 && width !== last) {
      last = width;
      chart.setSize({ width, height: chartHeight() });
    }
  });
  observer.observe(container);
  return observer;
}

/** How much longer than its interval a sensor may stay silent before its line breaks: a missed reading or two. */
export const GAP_FACTOR = 2.2;

/**
 * `data` ([t in seconds, ...columns]) with a null row inside every silence longer than `gapSeconds`, so uPlot breaks
 * the line there instead of drawing a halt or an outage as a straight line. Also returns how many gaps it found.
 */
export function withGaps(data, gapSeconds) {
  const [t, ...columns] = data;
  if (!(gapSeconds > 0) || t.length < 2) return { data, gaps: 0 };
  const out = [[], ...columns.map(() => [])];
  let gaps = 0;
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && t[i] - t[i - 1] > gapSeconds) {
      out[0].push((t[i - 1] + t[i]) / 2);
      columns.forEach((_, k) => out[k + 1].push(null));
      gaps += 1;
    }
    out[0].push(t[i]);
    columns.forEach((column, k) => out[k + 1].push(column[i]));
  }
  return { data: out, gaps };
}

/** The silences in `t` (seconds, ascending) longer than `gapSeconds`, as [from, to] pairs. */
export function silences(t, gapSeconds) {
  const out = [];
  if (!(gapSeconds > 0)) return out;
  for (let i = 1; i < t.length; i++) if (t[i] - t[i - 1] > gapSeconds) out.push([t[i - 1], t[i]]);
  return out;
}

/** The history API's `step` in seconds (`6s`, `10min`, `hour`), or 0 for raw readings. */
export function stepSeconds(step) {
  if (step === 'hour') return 3600;
  if (step === '10min') return 600;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(step ?? '');
  return m ? Number(m[1]) : 0;
}

/** Live chart: seconds on x (uPlot's time unit), one value series, drawn as `style` (valueStyle) says. */
export function liveChart(container, style) {
  const accent = cssVar('--accent', '#1d5fd6');
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales: { x: { time: true }, y: yScale(style) },
    series: [
      {},
      { label: 'value', stroke: accent, width: 2, points: { show: false }, spanGaps: false, value: legendValue(style), ...linePaths(style) },
    ],
    axes: axes(style),
    cursor: { drag: { x: false, y: false } },
  };
  const chart = new uPlot(opts, [[], []], container);
  follow(container, chart);
  return chart;
}

/**
 * History chart: series mean, min and max (in that order), the band filled between max and min.
 * `range()` returns the requested [from, to] in seconds so the x axis shows the whole range, data or not.
 * Dragging across it calls `onZoom(from, to)` (epoch ms) and a double-click calls `onZoomOut()`: the page fetches
 * the finer data for the new range rather than stretching the coarse points it has.
 */
export function historyChart(container, style, range, { onZoom, onZoomOut } = {}) {
  const accent = cssVar('--accent', '#1d5fd6');
  const muted = cssVar('--muted', '#5a6576');
  const paths = linePaths(style);
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales: { x: { time: true, range: (u, min, max) => range() ?? [min, max] }, y: yScale(style) },
    series: [
      {},
      { label: 'mean', stroke: accent, width: 2, points: { show: false }, spanGaps: false, value: legendValue(style), ...paths },
      { label: 'min', stroke: muted, width: 1, dash: [4, 4], points: { show: false }, spanGaps: false, value: legendValue(style), ...paths },
      { label: 'max', stroke: muted, width: 1, dash: [4, 4], points: { show: false }, spanGaps: false, value: legendValue(style), ...paths },
    ],
    bands: [{ series: [3, 2], fill: cssVar('--band', 'rgba(29, 95, 214, 0.16)') }],
    axes: axes(style),
    cursor: {
      drag: { x: true, y: false, setScale: false },
      bind: { dblclick: () => () => { onZoomOut?.(); return null; } },
    },
    hooks: {
      setSelect: [(u) => {
        const { left, width } = u.select;
        if (width >= 4 && onZoom) onZoom(u.posToVal(left, 'x') * 1000, u.posToVal(left + width, 'x') * 1000);
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      }],
    },
  };
  const chart = new uPlot(opts, [[], [], [], []], container);
  follow(container, chart);
  return chart;
}

/** One codifier's history from `from` to `to` (epoch ms), as the history API answers it; the sensor and graphs pages share it. */
export function fetchHistory(code, from, to, step) {
  const query = `from=${Math.floor(from)}&to=${Math.ceil(to)}${step ? `&step=${encodeURIComponent(step)}` : ''}`;
  return api(`/api/sensors/${encodeURIComponent(code)}/history?${query}`);
}

const PALETTE = ['#1d5fd6', '#d6451d', '#2a9d4b', '#9b3fc7', '#c79a1d', '#1da5b8', '#c71d6f', '#5a6576'];

/**
 * Several codifiers overlaid, one y axis per unit: `units` (one or two) get the left and the right axis, and each of
 * `series` ({label, unit, sensor, silences}) is drawn on its unit's scale, in steps when the sensor is discrete. `range()` gives [from, to] in seconds for the x axis.
 */
export function overlayChart(container, units, series, range) {
  const stroke = cssVar('--muted', '#5a6576');
  const grid = { stroke: cssVar('--border', '#dce2ea'), width: 1 };
  const scales = { x: { time: true, range: (u, min, max) => range() ?? [min, max] } };
  const yAxes = units.map((unit, i) => {
    scales[`u${i}`] = {};
    return {
      scale: `u${i}`, side: i === 0 ? 3 : 1, stroke, grid: { ...grid, show: i === 0 }, ticks: grid, size: 60,
      label: unit || '(no unit)', values: (u, vals) => vals.map(formatNumber),
    };
  });
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales,
    series: [{}, ...series.map((s, i) => ({
      label: s.label, scale: `u${Math.max(0, units.indexOf(s.unit))}`, stroke: PALETTE[i % PALETTE.length], width: 2,
      points: { show: false }, value: legendValue(valueStyle(s.sensor)), ...linePaths(valueStyle(s.sensor)),
      // Series share one time axis, so a null is only another series' time: break the line at this series' own
      // silences (s.silences, [from, to] in seconds, filled by the caller before setData) and nowhere else.
      spanGaps: false,
      gaps: (u) => (s.silences ?? []).map(([a, b]) => [Math.round(u.valToPos(a, 'x', true)), Math.round(u.valToPos(b, 'x', true))]),
    }))],
    axes: [{ stroke, grid, ticks: grid }, ...yAxes],
  };
  const chart = new uPlot(opts, [[], ...series.map(() => [])], container);
  follow(container, chart);
  return chart;
}
