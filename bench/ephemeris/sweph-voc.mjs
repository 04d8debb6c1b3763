// Void-of-course windows computed with the Swiss Ephemeris (its built-in Moshier ephemeris,
// no files), by the same search the service uses: lunar ingresses, then the last exact major
// aspect to each planet before each ingress, by the secant method.
// Usage: node sweph-voc.mjs <from ISO> <until ISO> [modern|traditional] [--quiet] [--margins]
// Prints one JSON window per line (unless --quiet) and, on stderr, the elapsed milliseconds.
// --margins adds margin_s: the time between the ingress and the nearest exact aspect on either
// side of it (windows with a small margin may legitimately differ between ephemerides).
import sweph from 'sweph';

const { constants: c } = sweph;
const [fromIso, untilIso, convention = 'modern'] = process.argv.slice(2);
const quiet = process.argv.includes('--quiet');
const margins = process.argv.includes('--margins');
const planetNames = ['Sun', 'Mercury', 'Venus', 'Mars', 'Jupiter', 'Saturn', 'Uranus', 'Neptune', 'Pluto'];
const planetIds = [c.SE_SUN, c.SE_MERCURY, c.SE_VENUS, c.SE_MARS, c.SE_JUPITER, c.SE_SATURN, c.SE_URANUS, c.SE_NEPTUNE, c.SE_PLUTO];
const planets = convention === 'traditional' ? 6 : 9;
const signs = ['Aries', 'Taurus', 'Gemini', 'Cancer', 'Leo', 'Virgo', 'Libra', 'Scorpio', 'Sagittarius', 'Capricorn', 'Aquarius', 'Pisces'];
const exact = [0, 60, 90, 120, 180, 240, 270, 300];
const aspectName = { 0: 'conjunction', 60: 'sextile', 90: 'square', 120: 'trine', 180: 'opposition' };

const { ttMinusUtc } = await import('./time-scales.mjs');
const jdTT = (s) => (s + ttMinusUtc(s)) / 86400 + 2440587.5;
const lon = (id, s) => sweph.calc(jdTT(s), id, c.SEFLG_MOSEPH).data[0];
const moon = (s) => lon(c.SE_MOON, s);
const norm = (d) => ((d % 360) + 360) % 360;
const signed = (d) => norm(d + 180) - 180;

function secant(f, x0, f0, x1) {
  for (let i = 0; i < 30; i++) {
    const f1 = f(x1);
    if (f1 === f0) return x1;
    const x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
    if (Math.abs(x2 - x1) < 1e-4) return x2;
    [x0, f0, x1] = [x1, f1, x2];
  }
  throw new Error('no convergence');
}
const meanRate = 13.176 / 86400;
function nextIngress(after) {
  const l = moon(after);
  const boundary = (Math.floor(l / 30) + 1) * 30;
  return secant((s) => signed(moon(s) - boundary), after, l - boundary, after + (boundary - l) / meanRate);
}

// The nearest exact aspect to any planet, before or after the ingress, in seconds from it.
function margin(ingress, moonAt) {
  let nearest = Infinity;
  for (let p = 0; p < planets; p++) {
    const difference = norm(moonAt - lon(planetIds[p], ingress));
    const below = exact.filter((a) => a <= difference).at(-1);
    const above = exact.find((a) => a > difference) ?? 360;
    for (const angle of [below, above]) {
      const gap = difference - angle;
      const at = secant((s) => signed(moon(s) - lon(planetIds[p], s) - angle), ingress, gap, ingress - gap / meanRate);
      nearest = Math.min(nearest, Math.abs(at - ingress));
    }
  }
  return Math.round(nearest);
}

const from = Date.parse(fromIso) / 1000;
const until = Date.parse(untilIso) / 1000;
const started = process.hrtime.bigint();
const windows = [];
let previous = nextIngress(from - 30 / (11.7 / 86400));
while (previous < until) {
  const ingress = nextIngress(previous + 60);
  const moonAt = moon(ingress);
  let start = previous;
  let last = null;
  for (let p = 0; p < planets; p++) {
    const difference = norm(moonAt - lon(planetIds[p], ingress));
    const angle = exact.filter((a) => a <= difference).at(-1);
    const behind = difference - angle;
    if (behind > (ingress - previous) * 17 / 86400) continue;
    const at = secant((s) => signed(moon(s) - lon(planetIds[p], s) - angle), ingress, behind, ingress - behind / meanRate);
    if (at >= previous && at <= ingress && at >= start) {
      start = at;
      last = { planet: planetNames[p], aspect: aspectName[angle <= 180 ? angle : 360 - angle] };
    }
  }
  if (ingress > from && start < until) {
    const sign = Math.floor(norm(moonAt - 15) / 30);
    const window = { start_unix: start, end_unix: ingress, sign: signs[sign], next_sign: signs[(sign + 1) % 12], last_aspect: last };
    if (margins) window.margin_s = margin(ingress, moonAt);
    windows.push(window);
  }
  previous = ingress;
}
const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
if (!quiet) for (const w of windows) console.log(JSON.stringify(w));
console.error(JSON.stringify({ windows: windows.length, elapsed_ms: elapsed }));
