// The Moon's principal phases and its position and illuminated fraction from the Swiss Ephemeris
// (Moshier mode): the fixtures of the Moon tests. TT − UTC follows the service's definition.
// Usage: node sweph-moon.mjs phases <first year> <last year>
//        node sweph-moon.mjs positions <count>   (instants spread over 1900–2100)
import sweph from 'sweph';
import { ttMinusUtc } from './time-scales.mjs';

const { constants: c } = sweph;
const julianDay = (s) => (s + ttMinusUtc(s)) / 86400 + 2440587.5;
const longitude = (s, body) => sweph.calc(julianDay(s), body, c.SEFLG_MOSEPH).data[0];
const elongation = (s) => (((longitude(s, c.SE_MOON) - longitude(s, c.SE_SUN)) % 360) + 360) % 360;
const relative = (d) => ((((d + 180) % 360) + 360) % 360) - 180;
const names = ['new_moon', 'first_quarter', 'full_moon', 'last_quarter'];

function phases(firstYear, lastYear) {
  const end = Date.UTC(lastYear + 1, 0, 1) / 1000;
  let s = Date.UTC(firstYear, 0, 1) / 1000;
  let e = elongation(s);
  while (s < end) {
    const next = s + 6 * 3600; // the elongation grows by at most 4° in 6 h: one crossing per step at most
    const f = elongation(next);
    const target = (Math.floor(e / 90) + 1) * 90;
    if (relative(f - target) >= 0 && relative(e - target) < 0) {
      let lo = s, hi = next; // bisection to a millisecond
      while (hi - lo > 0.001) {
        const mid = (lo + hi) / 2;
        if (relative(elongation(mid) - target) < 0) lo = mid; else hi = mid;
      }
      const at = (lo + hi) / 2;
      if (at < end) console.log(JSON.stringify({ phase: names[(target / 90) % 4], utc: new Date(Math.round(at * 1000)).toISOString() }));
    }
    s = next;
    e = f;
  }
}

function positions(count) {
  const start = Date.UTC(1900, 0, 1) / 1000, end = Date.UTC(2101, 0, 1) / 1000;
  for (let i = 0; i < count; i++) {
    // Spread over the range, off any round hour, so the phases sampled vary.
    const s = Math.round(start + ((end - start) * (i + 0.5)) / count + i * 7919);
    const jd = julianDay(s);
    const moon = sweph.calc(jd, c.SE_MOON, c.SEFLG_MOSEPH).data;
    const pheno = sweph.pheno(jd, c.SE_MOON, c.SEFLG_MOSEPH).data;
    console.log(JSON.stringify({ utc: new Date(s * 1000).toISOString().replace('.000Z', 'Z'), longitude: Number(moon[0].toFixed(7)), illumination: Number(pheno[1].toFixed(6)) }));
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'phases') phases(Number(args[0]), Number(args[1]));
else if (mode === 'positions') positions(Number(args[0]));
else { console.error('usage: sweph-moon.mjs phases <first year> <last year> | positions <count>'); process.exit(2); }
