// The LunarVoc status page: reads only the public REST API, works out "now" in the browser from
// the windows it returned, so the countdown flips exactly at each boundary without reloading.
// It follows the live stream (EventSource) and polls only where streams are refused or blocked.
'use strict';

const STATUS_URL = '/api/lunar/voc/status';
const STREAM_URL = '/api/lunar/voc/status/stream';
const MOON_URL = '/api/lunar/moon';
const MOON_RADIUS = 48;
const REFRESH_MS = 60_000;
const RETRY_MS = 30_000;
const HORIZON_MS = 48 * 3600_000;

// One language per page: dates in the page's own language (English), times in the visitor's zone.
const LOCALE = 'en-GB';
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const formatTime = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone });
const formatTick = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone });
const $ = (id) => document.getElementById(id);

let answer = null;      // the last status answer
let failure = null;     // what the visitor is told when the last load failed, if it did
let boundary = null;    // the next instant at which the state changes
let reloadTimer = null;
let streaming = false;  // while the stream delivers, no polling

async function load() {
  clearTimeout(reloadTimer);
  try {
    const response = await fetch(STATUS_URL, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      answer = await response.json();
      failure = null;
      if (!streaming) reloadTimer = setTimeout(load, REFRESH_MS);
    } else {
      // The service says when to come back (429, 503): wait that long, and say what happened.
      const wait = Math.max(1, Number(response.headers.get('Retry-After')) || RETRY_MS / 1000);
      failure = refusal(response.status, wait);
      reloadTimer = setTimeout(load, wait * 1000);
    }
  } catch {
    failure = `The LunarVoc service cannot be reached right now. Trying again in ${RETRY_MS / 1000} seconds.`;
    reloadTimer = setTimeout(load, RETRY_MS);
  }
  render();
}

function refusal(status, wait) {
  const when = `Trying again in ${wait} second${wait === 1 ? '' : 's'}.`;
  if (status === 429) return `Too many requests from this address for now. ${when}`;
  if (status === 503) return `The service cannot read its database and has no earlier answer. ${when}`;
  return `The service answered ${status}. ${when}`;
}

function windows() {
  if (!answer) return [];
  const all = [answer.current, answer.next, ...(answer.upcoming ?? [])].filter(Boolean);
  const byStart = new Map(all.map((w) => [w.start_at, { ...w, start: Date.parse(w.start_at), end: Date.parse(w.end_at) }]));
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

function render() {
  const now = Date.now();
  $('zone').textContent = zone;
  $('unreachable').hidden = !failure;
  $('unreachable').textContent = failure ? (answer ? `${failure} Showing the last answer.` : failure) : '';
  $('stale').hidden = !(answer && answer.stale);
  if (answer && answer.stale) {
    $('stale').textContent = `The service could not read its database; this is its last good answer, as of ${formatTime.format(Date.parse(answer.as_of))}.`;
  }
  $('now').hidden = $('next-48h').hidden = !answer;
  if (!answer) return;

  const all = windows();
  const current = all.find((w) => w.start <= now && now < w.end);
  const next = all.find((w) => w.start > now);
  boundary = current ? current.end : next ? next.start : null;

  const state = $('state');
  state.textContent = current ? 'The Moon is void of course' : 'The Moon is not void of course';
  state.className = `state ${current ? 'void' : 'clear'}`;
  $('span').textContent = current
    ? `Since ${formatTime.format(current.start)}, until ${formatTime.format(current.end)}${signs(current)}.`
    : next ? `Next void: ${formatTime.format(next.start)} to ${formatTime.format(next.end)}${signs(next)}.` : 'No void of course is known ahead.';
  $('countdown').textContent = boundary ? `in ${duration(boundary - now)}` : '';
  $('countdown-label').textContent = boundary ? (current ? 'It ends' : 'The next void starts') : '';

  renderTimeline(all, now);
  if (boundary && now >= boundary - 1000 && !failure && !streaming) {
    // The state changes now: fetch the windows after it (the page itself already flipped).
    setTimeout(load, 1500);
  }
}

function renderTimeline(all, now) {
  const end = now + HORIZON_MS;
  const timeline = $('timeline');
  const list = $('upcoming');
  timeline.replaceChildren();
  list.replaceChildren();
  const visible = all.filter((w) => w.end > now && w.start < end);
  timeline.setAttribute('aria-label', `${visible.length} void-of-course periods in the next 48 hours`);
  for (let hours = 0; hours <= 48; hours += 12) {
    const tick = document.createElement('span');
    tick.className = 'tick';
    tick.style.left = `${(hours / 48) * 100}%`;
    tick.textContent = formatTick.format(now + hours * 3600_000);
    timeline.append(tick);
  }
  for (const w of visible) {
    const from = Math.max(w.start, now);
    const to = Math.min(w.end, end);
    const bar = document.createElement('div');
    bar.className = 'window';
    bar.style.left = `${((from - now) / HORIZON_MS) * 100}%`;
    bar.style.width = `${Math.max(0.5, ((to - from) / HORIZON_MS) * 100)}%`;
    bar.title = `${formatTime.format(w.start)} – ${formatTime.format(w.end)}`;
    timeline.append(bar);
    const item = document.createElement('li');
    item.textContent = `${formatTime.format(w.start)} – ${formatTime.format(w.end)}${signs(w)}`;
    list.append(item);
  }
  if (visible.length === 0) {
    const item = document.createElement('li');
    item.textContent = 'No void of course in the next 48 hours.';
    list.append(item);
  }
}

function signs(w) {
  if (!w.sign) return '';
  const aspect = w.last_aspect ? `, after the Moon's ${w.last_aspect.aspect} to ${w.last_aspect.planet}` : '';
  return ` (Moon in ${w.sign}${aspect}, entering ${w.next_sign})`;
}

/** "19 h 54 min", "1 min 31 s", "12 s": a span of time, never read as a clock time. */
function duration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function listen() {
  if (typeof EventSource !== 'function') return;
  const source = new EventSource(STREAM_URL);
  source.addEventListener('status', (event) => {
    streaming = true;
    clearTimeout(reloadTimer);
    answer = JSON.parse(event.data);
    failure = null;
    render();
  });
  source.addEventListener('error', () => {
    // A dropped stream reconnects by itself; a refused one (429, 503, blocked) is closed: poll instead.
    if (source.readyState === EventSource.CLOSED) {
      streaming = false;
      load();
    }
  });
}

// The Moon panel: read again when the service's answer expires (the next minute or change).
let moonTimer = null;

async function loadMoon() {
  clearTimeout(moonTimer);
  let wait = REFRESH_MS;
  try {
    const response = await fetch(MOON_URL, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      renderMoon(await response.json());
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('Cache-Control') ?? '')?.[1]);
      if (Number.isFinite(maxAge)) wait = Math.min(REFRESH_MS, Math.max(5_000, maxAge * 1000));
    } else {
      wait = Math.max(1, Number(response.headers.get('Retry-After')) || RETRY_MS / 1000) * 1000;
    }
  } catch {
    wait = RETRY_MS; // the status above already says the service cannot be reached
  }
  moonTimer = setTimeout(loadMoon, wait);
}

function renderMoon(moon) {
  const waxing = Date.parse(moon.next_full_moon) < Date.parse(moon.next_new_moon);
  const phase = moon.phase.replaceAll('_', ' ').replace(' moon', ' Moon');
  const percent = Math.round(moon.illumination * 100);
  $('moon').hidden = false;
  $('moon-sign').textContent = `${moon.sign}, ${Math.floor(moon.degree)}° ${String(Math.floor((moon.degree % 1) * 60)).padStart(2, '0')}′`;
  $('moon-phase').textContent = `${phase[0].toUpperCase()}${phase.slice(1)}, ${percent}% lit`;
  $('moon-ingress').textContent = `${moon.next_ingress.sign}, ${formatTime.format(Date.parse(moon.next_ingress.at))}`;
  $('moon-new').textContent = formatTime.format(Date.parse(moon.next_new_moon));
  $('moon-full').textContent = formatTime.format(Date.parse(moon.next_full_moon));
  $('moon-lit').setAttribute('d', litPath(moon.illumination, waxing));
  $('moon-disc-label').textContent = `The Moon, ${percent}% lit, ${waxing ? 'waxing' : 'waning'}`;
}

/**
 * The lit part of the disc as seen from the northern hemisphere (lit on the right while waxing): the
 * limb on the lit side, and the terminator, an ellipse whose half-width is r·|2k − 1|, so the lit
 * part's width is the illuminated fraction k of the diameter.
 */
function litPath(k, waxing) {
  const r = MOON_RADIUS;
  const terminator = r * Math.abs(2 * k - 1);
  const limbSweep = waxing ? 1 : 0;
  const terminatorSweep = (k > 0.5) === waxing ? 1 : 0;
  return `M 0 ${-r} A ${r} ${r} 0 0 ${limbSweep} 0 ${r} A ${terminator.toFixed(3)} ${r} 0 0 ${terminatorSweep} 0 ${-r} Z`;
}

setInterval(render, 1000);
load();
listen();
loadMoon();
