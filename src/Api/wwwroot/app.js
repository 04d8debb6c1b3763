// The LunarVoc status page: reads only the public REST API, works out "now" in the browser from
// the windows it returned, so the countdown flips exactly at each boundary without reloading.
// It follows the live stream (EventSource); when the stream cannot connect for a few seconds it says
// the service cannot be reached and polls, and it says when the answer shown has outlived its validity.
'use strict';

const STATUS_URL = '/api/lunar/voc/status';
const STREAM_URL = '/api/lunar/voc/status/stream';
const MOON_URL = '/api/lunar/moon';
const SKY_URL = '/api/lunar/moon/sky';
const CALENDAR_PATH = '/api/lunar/voc/calendar.ics';
const MOON_RADIUS = 48;
const REFRESH_MS = 60_000;
const RETRY_MS = 30_000;
const STREAM_GRACE_MS = 5_000;   // a stream that has not reconnected by then is reported, and polling starts
const STREAM_VALIDITY_MS = 60_000; // a pushed answer, once its stream is lost, holds as long as a polled one
const HORIZON_MS = 48 * 3600_000;

const TEXTS = {
  en: {
    title: 'Is the Moon void of course?',
    explain: 'The Moon is void of course from its last exact major aspect to a planet (conjunction, sextile, square, trine or opposition) until it enters the next sign. Many who follow astrology avoid starting anything new in those hours.',
    next48: 'The next 48 hours', moonHeading: 'The Moon', sign: 'Sign', phase: 'Phase', nextSign: 'Next sign',
    nextNew: 'Next new Moon', nextFull: 'Next full Moon', moonrise: 'Next moonrise', moonset: 'Next moonset',
    skyHere: 'Show moonrise and moonset where I am', skyNone: 'none within 35 days', timesIn: 'Times in', dataFrom: 'Data from', api: 'the LunarVoc API',
    calendar: 'The voids in your calendar:', subscribe: 'subscribe', download: 'download', languages: 'Language',
    void: 'The Moon is void of course', clear: 'The Moon is not void of course',
    since: (a, b, s) => `Since ${a}, until ${b}${s}.`,
    next: (a, b, s) => `Next void: ${a} to ${b}${s}.`,
    nextAfter: (a, b) => `The next void after this one: ${a} to ${b}.`,
    noneAhead: 'No void of course is known ahead.',
    ends: 'It ends', starts: 'The next void starts', within: (d) => `in ${d}`,
    none48: 'No void of course in the next 48 hours.',
    periods: (n) => `${n} void-of-course period${n === 1 ? '' : 's'} in the next 48 hours`,
    now: 'now',
    signs: (sign, aspect, next) => ` (Moon in ${sign}${aspect}, entering ${next})`,
    aspect: (aspect, planet) => `, after the Moon's ${aspect} to ${planet}`,
    retry: (s) => `Trying again in ${s} second${s === 1 ? '' : 's'}.`,
    unreachable: 'The LunarVoc service cannot be reached right now.',
    tooMany: 'Too many requests from this address for now.',
    noDatabase: 'The service cannot read its database and has no earlier answer.',
    answered: (status) => `The service answered ${status}.`,
    showingLast: 'Showing the last answer.',
    stale: (t) => `The service could not read its database; this is its last good answer, as of ${t}.`,
    expired: (t) => `This answer is older than its validity (read at ${t}): it may be out of date.`,
    lit: (p) => `${p}% lit`,
    disc: (p, waxing) => `The Moon, ${p}% lit, ${waxing ? 'waxing' : 'waning'}`,
    phases: { new_moon: 'New Moon', waxing_crescent: 'Waxing crescent', first_quarter: 'First quarter', waxing_gibbous: 'Waxing gibbous', full_moon: 'Full Moon', waning_gibbous: 'Waning gibbous', last_quarter: 'Last quarter', waning_crescent: 'Waning crescent' },
    zodiac: {}, planets: {}, aspects: {},
  },
  fr: {
    title: 'La Lune est-elle vide de course ?',
    explain: 'La Lune est vide de course depuis son dernier aspect majeur exact à une planète (conjonction, sextile, carré, trigone ou opposition) jusqu’à son entrée dans le signe suivant. Beaucoup de ceux qui suivent l’astrologie évitent alors de commencer quoi que ce soit de nouveau.',
    next48: 'Les prochaines 48 heures', moonHeading: 'La Lune', sign: 'Signe', phase: 'Phase', nextSign: 'Signe suivant',
    nextNew: 'Prochaine nouvelle lune', nextFull: 'Prochaine pleine lune', moonrise: 'Prochain lever de la Lune', moonset: 'Prochain coucher de la Lune',
    skyHere: 'Afficher le lever et le coucher de la Lune ici', skyNone: 'aucun dans les 35 jours', timesIn: 'Heures en', dataFrom: 'Données :', api: 'l’API LunarVoc',
    calendar: 'Les périodes dans votre agenda :', subscribe: 's’abonner', download: 'télécharger', languages: 'Langue',
    void: 'La Lune est vide de course', clear: 'La Lune n’est pas vide de course',
    since: (a, b, s) => `Depuis ${a}, jusqu’à ${b}${s}.`,
    next: (a, b, s) => `Prochaine période : ${a} – ${b}${s}.`,
    nextAfter: (a, b) => `La période suivante : ${a} – ${b}.`,
    noneAhead: 'Aucune période de vide de course connue à venir.',
    ends: 'Elle se termine', starts: 'La prochaine commence', within: (d) => `dans ${d}`,
    none48: 'Aucune période de vide de course dans les prochaines 48 heures.',
    periods: (n) => `${n} période${n > 1 ? 's' : ''} de vide de course dans les prochaines 48 heures`,
    now: 'maintenant',
    signs: (sign, aspect, next) => ` (Lune en ${sign}${aspect}, entrant en ${next})`,
    aspect: (aspect, planet) => `, après son ${aspect} à ${planet}`,
    retry: (s) => `Nouvel essai dans ${s} seconde${s > 1 ? 's' : ''}.`,
    unreachable: 'Le service LunarVoc est injoignable pour le moment.',
    tooMany: 'Trop de requêtes depuis cette adresse pour le moment.',
    noDatabase: 'Le service ne peut pas lire sa base de données et n’a pas de réponse antérieure.',
    answered: (status) => `Le service a répondu ${status}.`,
    showingLast: 'Dernière réponse affichée.',
    stale: (t) => `Le service n’a pas pu lire sa base de données ; voici sa dernière bonne réponse, du ${t}.`,
    expired: (t) => `Cette réponse a dépassé sa durée de validité (lue le ${t}) : elle peut ne plus être à jour.`,
    lit: (p) => `éclairée à ${p} %`,
    disc: (p, waxing) => `La Lune, éclairée à ${p} %, ${waxing ? 'croissante' : 'décroissante'}`,
    phases: { new_moon: 'Nouvelle lune', waxing_crescent: 'Premier croissant', first_quarter: 'Premier quartier', waxing_gibbous: 'Gibbeuse croissante', full_moon: 'Pleine lune', waning_gibbous: 'Gibbeuse décroissante', last_quarter: 'Dernier quartier', waning_crescent: 'Dernier croissant' },
    zodiac: { Aries: 'Bélier', Taurus: 'Taureau', Gemini: 'Gémeaux', Cancer: 'Cancer', Leo: 'Lion', Virgo: 'Vierge', Libra: 'Balance', Scorpio: 'Scorpion', Sagittarius: 'Sagittaire', Capricorn: 'Capricorne', Aquarius: 'Verseau', Pisces: 'Poissons' },
    planets: { Sun: 'le Soleil', Mercury: 'Mercure', Venus: 'Vénus', Mars: 'Mars', Jupiter: 'Jupiter', Saturn: 'Saturne', Uranus: 'Uranus', Neptune: 'Neptune', Pluto: 'Pluton' },
    aspects: { conjunction: 'conjonction', sextile: 'sextile', square: 'carré', trine: 'trigone', opposition: 'opposition' },
  },
};

const DEFAULT_LOCALE = { en: 'en-GB', fr: 'fr-FR' };
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// The visitor's own clock convention (12 or 24 h), whatever the page's language.
const hourCycle = new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hourCycle ?? 'h23';
const twelveHours = hourCycle === 'h11' || hourCycle === 'h12';
const $ = (id) => document.getElementById(id);

let lang = chooseLanguage();
let t = TEXTS[lang];
let format = formatters(lang);

let answer = null;        // the last status answer
let answerExpires = null; // when it outlives its validity (null: live, pushed by an open stream)
let failure = null;       // what the visitor is told when the last load failed, if it did
let boundary = null;      // the next instant at which the state changes
let reloadTimer = null;
let streaming = false;    // while the stream delivers, no polling
let lastMoon = null;
let lastSky = null;
let skyPlace = null;       // the visitor's place, rounded to 0.01°, once they have let the browser share it

function chooseLanguage() {
  const saved = localStorage.getItem('lunarvoc.lang');
  if (saved && TEXTS[saved]) return saved;
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) => tag.slice(0, 2).toLowerCase());
  return preferred.find((code) => TEXTS[code]) ?? 'en';
}

function formatters(code) {
  // The browser's own locale when it speaks the page's language (en-US dates for an American), else the language's own.
  const locale = navigator.language.toLowerCase().startsWith(code) ? navigator.language : DEFAULT_LOCALE[code];
  const hour = twelveHours ? 'numeric' : '2-digit';
  return {
    time: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour, minute: '2-digit', hour12: twelveHours, timeZone: zone }),
    clock: new Intl.DateTimeFormat(locale, { hour, minute: '2-digit', hour12: twelveHours, timeZone: zone }),
    day: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: zone }),
  };
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = `${t.title} — LunarVoc`;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t[element.dataset.text];
  document.querySelector('nav.languages').setAttribute('aria-label', t.languages);
  for (const button of document.querySelectorAll('nav.languages button')) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
}

for (const button of document.querySelectorAll('nav.languages button')) {
  button.addEventListener('click', () => {
    lang = button.dataset.lang;
    localStorage.setItem('lunarvoc.lang', lang);
    t = TEXTS[lang];
    format = formatters(lang);
    applyLanguage();
    render();
    if (lastMoon) renderMoon(lastMoon);
    if (lastSky) renderSky(lastSky);
  });
}

/**
 * Reads the status. A first read may come from the browser's HTTP cache while it is fresh; a read that
 * checks whether the service can be reached (the stream lost, a failure retried) asks the service
 * (a conditional request: 304 when nothing changed).
 */
async function load(check = false) {
  clearTimeout(reloadTimer);
  try {
    const response = await fetch(STATUS_URL, { headers: { Accept: 'application/json' }, cache: check ? 'no-cache' : 'default' });
    if (response.ok) {
      // RFC 9111: what is left of its freshness is max-age minus Age.
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('Cache-Control') ?? '')?.[1] ?? 0);
      const age = Number(response.headers.get('Age') ?? 0);
      answer = await response.json();
      answerExpires = streaming ? null : Date.now() + Math.max(0, maxAge - age) * 1000;
      failure = null;
      if (!streaming) reloadTimer = setTimeout(load, REFRESH_MS);
    } else {
      // The service says when to come back (429, 503): wait that long, and say what happened.
      const wait = Math.max(1, Number(response.headers.get('Retry-After')) || RETRY_MS / 1000);
      failure = () => `${refusal(response.status)} ${t.retry(wait)}`;
      reloadTimer = setTimeout(load, wait * 1000, true);
    }
  } catch {
    failure = () => `${t.unreachable} ${t.retry(RETRY_MS / 1000)}`;
    reloadTimer = setTimeout(load, RETRY_MS, true);
  }
  render();
}

function refusal(status) {
  if (status === 429) return t.tooMany;
  if (status === 503) return t.noDatabase;
  return t.answered(status);
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
  $('subscribe').href = `webcal://${location.host}${CALENDAR_PATH}`;
  $('unreachable').hidden = !failure;
  $('unreachable').textContent = failure ? (answer ? `${failure()} ${t.showingLast}` : failure()) : '';
  const expired = answer && answerExpires !== null && now > answerExpires + 2000;
  $('stale').hidden = !(answer && (answer.stale || expired));
  if (answer && answer.stale) $('stale').textContent = t.stale(format.time.format(Date.parse(answer.as_of)));
  else if (expired) $('stale').textContent = t.expired(format.time.format(Date.parse(answer.as_of)));
  $('now').hidden = $('next-48h').hidden = !answer;
  if (!answer) return;

  const all = windows();
  const current = all.find((w) => w.start <= now && now < w.end);
  const next = all.find((w) => w.start > now);
  boundary = current ? current.end : next ? next.start : null;

  const state = $('state');
  state.textContent = current ? t.void : t.clear;
  state.className = `state ${current ? 'void' : 'clear'}`;
  $('span').textContent = current
    ? t.since(format.time.format(current.start), format.time.format(current.end), signs(current))
    : next ? t.next(format.time.format(next.start), format.time.format(next.end), signs(next)) : t.noneAhead;
  $('countdown').textContent = boundary ? t.within(duration(boundary - now)) : '';
  $('countdown-label').textContent = boundary ? (current ? t.ends : t.starts) : '';
  // While the Moon is void, the next void is still said, however far ahead (with its date).
  $('after').hidden = !(current && next);
  $('after').textContent = current && next ? t.nextAfter(format.time.format(next.start), format.time.format(next.end)) : '';

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
  timeline.setAttribute('aria-label', t.periods(visible.length));
  const at = (instant) => `${((instant - now) / HORIZON_MS) * 100}%`;

  const mark = document.createElement('span');
  mark.className = 'now-mark';
  mark.textContent = t.now;
  timeline.append(mark);
  // Ticks on whole local hours every 6 h; labelled every 6 h where there is room, every 12 h on a phone.
  const labelEvery = timeline.clientWidth < 560 ? 12 : 6;
  const tick = new Date(now);
  tick.setMinutes(0, 0, 0);
  do tick.setHours(tick.getHours() + 1); while (tick.getHours() % 6 !== 0);
  for (; tick.getTime() < end; tick.setHours(tick.getHours() + 6)) {
    const instant = tick.getTime();
    const line = document.createElement('span');
    line.className = 'tick';
    line.style.left = at(instant);
    timeline.append(line);
    if (tick.getHours() % labelEvery !== 0 || instant - now < 2 * 3600_000 || end - instant < 2 * 3600_000) continue;
    const label = document.createElement('span');
    label.className = 'tick-label';
    label.style.left = at(instant);
    label.textContent = tick.getHours() === 0 ? format.day.format(instant) : format.clock.format(instant);
    timeline.append(label);
  }
  for (const w of visible) {
    const from = Math.max(w.start, now);
    const to = Math.min(w.end, end);
    const bar = document.createElement('div');
    bar.className = 'window';
    bar.style.left = at(from);
    bar.style.width = `${Math.max(0.5, ((to - from) / HORIZON_MS) * 100)}%`;
    bar.title = `${format.time.format(w.start)} – ${format.time.format(w.end)}`;
    timeline.append(bar);
    const item = document.createElement('li');
    item.textContent = `${format.time.format(w.start)} – ${format.time.format(w.end)}${signs(w)}`;
    list.append(item);
  }
  list.hidden = visible.length === 0;
  $('none').hidden = visible.length > 0;
  $('none').textContent = t.none48;
}

function signs(w) {
  if (!w.sign) return '';
  const name = (sign) => t.zodiac[sign] ?? sign;
  const aspect = w.last_aspect ? t.aspect(t.aspects[w.last_aspect.aspect] ?? w.last_aspect.aspect, t.planets[w.last_aspect.planet] ?? w.last_aspect.planet) : '';
  return t.signs(name(w.sign), aspect, name(w.next_sign));
}

/** "19 h 54 min", "1 min 31 s", "12 s": a span of time, never read as a clock time. */
function duration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  // No-break spaces: a number never ends a line apart from its unit.
  if (h > 0) return `${h}\u00a0h ${m}\u00a0min`;
  return m > 0 ? `${m}\u00a0min ${s}\u00a0s` : `${s}\u00a0s`;
}

function listen() {
  if (typeof EventSource !== 'function') return;
  const source = new EventSource(STREAM_URL);
  let graceTimer = null;
  const state = (value) => { document.body.dataset.stream = value; };
  source.addEventListener('open', () => {
    state('open');
    clearTimeout(graceTimer);
    graceTimer = null;
  });
  source.addEventListener('status', (event) => {
    streaming = true;
    clearTimeout(reloadTimer);
    answer = JSON.parse(event.data);
    answerExpires = null;
    failure = null;
    render();
  });
  source.addEventListener('error', () => {
    const wasStreaming = streaming;
    streaming = false;
    if (wasStreaming && answer) answerExpires = Date.now() + STREAM_VALIDITY_MS;
    if (source.readyState === EventSource.CLOSED) {
      // Refused (429, 503) or blocked: poll instead.
      state('closed');
      load();
      return;
    }
    // Reconnecting by itself: if it is not back within a few seconds, say so and poll meanwhile.
    // Each failed attempt fires this again: the grace runs from the first, not the latest.
    state('reconnecting');
    graceTimer ??= setTimeout(() => {
      graceTimer = null;
      if (source.readyState !== EventSource.OPEN) load(true);
    }, STREAM_GRACE_MS);
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
      lastMoon = await response.json();
      renderMoon(lastMoon);
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('Cache-Control') ?? '')?.[1]);
      if (Number.isFinite(maxAge)) wait = Math.min(REFRESH_MS, Math.max(5_000, maxAge * 1000));
    } else {
      wait = Math.max(1, Number(response.headers.get('Retry-After')) || RETRY_MS / 1000) * 1000;
    }
  } catch {
    wait = RETRY_MS; // the status above already says the service cannot be reached
  }
  moonTimer = setTimeout(loadMoon, wait);
  loadSky();
}

// Moonrise and moonset where the visitor is: only once the browser may share the place. Nothing is
// asked on load: with the permission granted before, it is read; while undecided, a button asks.
async function offerSky() {
  if (!('geolocation' in navigator)) return;
  let state = 'prompt';
  try {
    state = (await navigator.permissions.query({ name: 'geolocation' })).state;
  } catch {
    // No Permissions API: the button asks.
  }
  if (state === 'granted') locateSky();
  else if (state === 'prompt') $('sky-here').hidden = false;
}

function locateSky() {
  $('sky-here').hidden = true;
  navigator.geolocation.getCurrentPosition(
    (position) => {
      skyPlace = { lat: position.coords.latitude.toFixed(2), lon: position.coords.longitude.toFixed(2) };
      loadSky();
    },
    () => {}, // refused or unavailable: the panel stays as it is
    { maximumAge: 3_600_000, timeout: 15_000 });
}

async function loadSky() {
  if (!skyPlace) return;
  try {
    const query = new URLSearchParams({ lat: skyPlace.lat, lon: skyPlace.lon, tz: zone });
    const response = await fetch(`${SKY_URL}?${query}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    lastSky = await response.json();
    renderSky(lastSky);
  } catch {
    // The status above already says when the service cannot be reached.
  }
}

function renderSky(sky) {
  const at = (crossing) => (crossing ? format.time.format(Date.parse(crossing.at)) : t.skyNone);
  $('moon-rise').textContent = at(sky.now?.next_rise);
  $('moon-set').textContent = at(sky.now?.next_set);
  for (const element of document.querySelectorAll('[data-sky]')) element.hidden = false;
}

$('sky-here').addEventListener('click', locateSky);

function renderMoon(moon) {
  const waxing = Date.parse(moon.next_full_moon) < Date.parse(moon.next_new_moon);
  const percent = Math.round(moon.illumination * 100);
  $('moon').hidden = false;
  $('moon-sign').textContent = `${t.zodiac[moon.sign] ?? moon.sign}, ${Math.floor(moon.degree)}° ${String(Math.floor((moon.degree % 1) * 60)).padStart(2, '0')}′`;
  $('moon-phase').textContent = `${t.phases[moon.phase] ?? moon.phase}, ${t.lit(percent)}`;
  $('moon-ingress').textContent = `${t.zodiac[moon.next_ingress.sign] ?? moon.next_ingress.sign}, ${format.time.format(Date.parse(moon.next_ingress.at))}`;
  $('moon-new').textContent = format.time.format(Date.parse(moon.next_new_moon));
  $('moon-full').textContent = format.time.format(Date.parse(moon.next_full_moon));
  $('moon-lit').setAttribute('d', litPath(moon.illumination, waxing));
  $('moon-disc-label').textContent = t.disc(percent, waxing);
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

applyLanguage();
setInterval(render, 1000);
load();
listen();
loadMoon();
offerSky();
