// Moonrise, moonset and upper culmination at places, from the Swiss Ephemeris (Moshier mode):
// the reference of the Moon-for-a-place tests, in the service's convention: the upper limb on the
// horizon, topocentric, and 34′ of refraction at the horizon. The Swiss Ephemeris works refraction
// out from the air's pressure and temperature (33.6′ for 1013.25 hPa and 15 °C): the pressure used
// is the one that gives 34′ exactly at 15 °C.
// Usage: node sweph-moon-sky.mjs <from ISO date> <until ISO date> <name:lat:lon> ...
// Prints one JSON line a place: {name, lat, lon, rise:[unix s], set:[...], culmination:[...]}.
import sweph from 'sweph';

const { constants: c } = sweph;
const [fromIso, untilIso, ...places] = process.argv.slice(2);
const from = Date.parse(fromIso) / 1000;
const until = Date.parse(untilIso) / 1000;
const toJd = (s) => s / 86400 + 2440587.5;
const toUnix = (jd) => (jd - 2440587.5) * 86400;
const kinds = { rise: c.SE_CALC_RISE, set: c.SE_CALC_SET, culmination: c.SE_CALC_MTRANSIT };
const temperature = 15;
const horizonRefraction = (hPa) => -sweph.refrac_extended(0, 0, hPa, temperature, 0.0065, c.SE_APP_TO_TRUE).data * 60;
let [low, high] = [1000, 1050];
for (let i = 0; i < 50; i++) {
  const mid = (low + high) / 2;
  if (horizonRefraction(mid) < 34) low = mid; else high = mid;
}
const pressure = high;

for (const place of places) {
  const [name, lat, lon] = place.split(':');
  const geopos = [Number(lon), Number(lat), 0];
  const line = { name, lat: Number(lat), lon: Number(lon) };
  for (const [kind, flag] of Object.entries(kinds)) {
    const events = [];
    let s = from;
    while (s < until) {
      const result = sweph.rise_trans(toJd(s), c.SE_MOON, null, c.SEFLG_MOSEPH, flag, geopos, pressure, temperature);
      if (result.flag === -2) { s += 6 * 3600; continue; } // circumpolar just now: look again later
      if (result.flag < 0) throw new Error(`${name} ${kind}: ${result.error}`);
      const at = toUnix(result.data);
      if (at >= until) break;
      events.push(Math.round(at * 10) / 10);
      s = at + 60;
    }
    line[kind] = events;
  }
  console.log(JSON.stringify(line));
}
