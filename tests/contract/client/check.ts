// Run by the test suite against a live service: the generated client, compiled with --strict,
// must read, write and meet a 409 and a 429 as typed. Usage: node dist/check.js <baseUrl> <apiKey>
import assert from "node:assert/strict";
import { lunarVocClient, type components } from "./lunarvoc.js";

const [baseUrl, apiKey] = process.argv.slice(2);
assert.ok(baseUrl && apiKey, "usage: check.js <baseUrl> <apiKey>");
const reader = lunarVocClient(baseUrl);
const writer = lunarVocClient(baseUrl, apiKey);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const now = Date.now();

const saved = await writer.POST("/api/lunar/voc", {
  body: { start_at: iso(now - 3_600_000), end_at: iso(now + 3_600_000), source: "ts-client" },
});
assert.equal(saved.response.status, 201);
assert.ok(saved.data);
const id = saved.data.id;
assert.ok(saved.response.headers.get("Location")?.endsWith(`/api/lunar/voc/${id}`));

const conflict = await writer.POST("/api/lunar/voc", {
  body: { start_at: iso(now), end_at: iso(now + 7_200_000), source: "ts-client" },
});
assert.equal(conflict.response.status, 409);
// The error is the union of the operation's problem answers; the status says which one it is.
const problem = conflict.error as components["schemas"]["WindowConflictProblem"];
assert.equal(problem.conflicting_window.id, id);

const status = await reader.GET("/api/lunar/voc/status");
assert.ok(status.data);
assert.equal(status.data.is_voc, true);
// current and next are nullable in the document: a strict client must check before use.
assert.equal(status.data.current !== null ? status.data.current.id : undefined, id);
assert.ok(status.data.next === null || status.data.next.start_at > status.data.as_of);

const current = await reader.GET("/api/lunar/voc/current", { params: { query: { tz: "Europe/Paris" } } });
assert.ok(current.data?.current);
assert.match(current.data.current.start_local ?? "", /[+-]\d\d:\d\d$/);

const windows = await reader.GET("/api/lunar/voc/windows", {
  params: { query: { from: iso(now - 86_400_000), to: iso(now + 86_400_000) } },
});
assert.ok(windows.data);
assert.deepEqual(windows.data.windows.map(window => window.id), [id]);

const ephemeris = await reader.GET("/api/lunar/voc/ephemeris", {
  params: { query: { from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z", planets: "traditional" } },
});
assert.ok(ephemeris.data && ephemeris.data.windows.length > 0);
assert.equal(ephemeris.data.planets, "traditional");

const moon = await reader.GET("/api/lunar/moon", { params: { query: { at: "2026-01-03T10:02:54Z", tz: "Europe/Paris" } } });
assert.ok(moon.data);
// phase is a string enum in the document: a typo would not compile.
const full: typeof moon.data.phase = "full_moon";
assert.equal(moon.data.phase, full);
assert.ok(moon.data.illumination > 0.99 && moon.data.next_ingress.at > moon.data.at);
assert.ok(moon.data.void === null || moon.data.void.end_at > moon.data.at);

const phases = await reader.GET("/api/lunar/moon/phases", { params: { query: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" } } });
assert.deepEqual(phases.data?.phases.map(phase => phase.phase), ["full_moon", "last_quarter", "new_moon", "first_quarter"]);

const readStatus = () => reader.GET("/api/lunar/voc/status");
let limited: Awaited<ReturnType<typeof readStatus>> | undefined;
for (let i = 0; i < 200 && limited === undefined; i++) {
  const answer = await readStatus();
  if (answer.response.status === 429) limited = answer;
}
assert.ok(limited?.error, "the budget ran out with a typed problem");
assert.equal(limited.error.status, 429);
assert.ok(Number(limited.response.headers.get("Retry-After")) >= 1);

console.log("typescript client: ok");
