// Apparent geocentric longitudes (true ecliptic and equinox of date) from the Swiss Ephemeris,
// Moshier mode, at fixed UTC instants: the fixed-position fixtures of the ephemeris tests.
// TT − UTC follows the service's definition (see sweph-voc.mjs).
// Usage: node sweph-positions.mjs <ISO instant>...
import sweph from 'sweph';

const { constants: c } = sweph;
const bodies = { Moon: c.SE_MOON, Sun: c.SE_SUN, Mercury: c.SE_MERCURY, Venus: c.SE_VENUS, Mars: c.SE_MARS,
  Jupiter: c.SE_JUPITER, Saturn: c.SE_SATURN, Uranus: c.SE_URANUS, Neptune: c.SE_NEPTUNE, Pluto: c.SE_PLUTO };
const { ttMinusUtc } = await import('./time-scales.mjs');
for (const iso of process.argv.slice(2)) {
  const s = Date.parse(iso) / 1000;
  const jd = (s + ttMinusUtc(s)) / 86400 + 2440587.5;
  for (const [body, id] of Object.entries(bodies)) {
    const longitude = sweph.calc(jd, id, c.SEFLG_MOSEPH).data[0];
    console.log(JSON.stringify({ utc: iso, body, longitude: Number(longitude.toFixed(7)) }));
  }
}
