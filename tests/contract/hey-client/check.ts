// Run by the test suite against a live service: the client @hey-api/openapi-ts generates from the
// served document, compiled with --strict, must read, write (a provider's window without signs
// included), meet a 409, a 400 and a 429 as typed, and answer HEAD. Usage: node dist/check.js <baseUrl> <apiKey>
import assert from "node:assert/strict";
import { createClient, createConfig } from "./generated/client/index.js";
import { getCurrent, getMoon, getStatus, headStatus, listWindows, saveWindow, type VocWindowResponse, type WindowConflictProblem } from "./generated/index.js";

const [baseUrl, apiKey] = process.argv.slice(2);
assert.ok(baseUrl && apiKey, "usage: check.js <baseUrl> <apiKey>");
const client = createClient(createConfig({ baseUrl }));
const writer = createClient(createConfig({ baseUrl, auth: () => apiKey }));
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const now = Date.now();

// A provider's window: no sign, no next sign, no last aspect — every nullable member is null.
const saved = await saveWindow({ client: writer, body: { start_at: iso(now - 3_600_000), end_at: iso(now + 3_600_000), source: "hey-client" } });
assert.equal(saved.response?.status, 201);
assert.ok(saved.data);
const provided: VocWindowResponse = saved.data;
assert.equal(provided.sign, null);
assert.equal(provided.last_aspect?.planet ?? "none", "none");
const label = (window: VocWindowResponse) => `${window.sign ?? "unknown sign"} → ${window.next_sign ?? "unknown sign"}`;
assert.equal(label(provided), "unknown sign → unknown sign");

const conflict = await saveWindow({ client: writer, body: { start_at: iso(now), end_at: iso(now + 7_200_000), source: "hey-client" } });
assert.equal(conflict.response?.status, 409);
// The error is the union of the operation's problem answers; the status says which one it is.
const problem = conflict.error as WindowConflictProblem;
assert.equal(problem.conflicting_window.id, provided.id);

const invalid = await saveWindow({ client: writer, body: { start_at: iso(now + 7_200_000), end_at: iso(now), source: "hey-client" } });
assert.equal(invalid.response?.status, 400);

const status = await getStatus({ client, query: { tz: "Europe/Paris" } });
assert.ok(status.data);
assert.equal(status.data.is_voc, true);
assert.equal(status.data.current?.id, provided.id);
assert.equal(status.data.current ? label(status.data.current) : "", "unknown sign → unknown sign");
assert.match(status.data.current?.start_local ?? "", /[+-]\d\d:\d\d$/);
assert.ok(status.data.next === null || status.data.next.start_at > status.data.as_of);

const head = await headStatus({ client });
assert.equal(head.response?.status, 200);
assert.ok(head.response?.headers.get("ETag"));

const current = await getCurrent({ client });
assert.equal(current.data?.current?.source, "hey-client");

const windows = await listWindows({ client, query: { from: new Date(now - 86_400_000).toISOString().slice(0, 10), to: iso(now + 86_400_000) } });
assert.deepEqual(windows.data?.windows.map(window => window.id), [provided.id]);

const moon = await getMoon({ client, query: { at: "2026-01-03" } });
assert.ok(moon.data);
assert.ok(moon.data.void === null || moon.data.void.end_at > moon.data.at);

let limited: { status?: number | null } | undefined;
for (let i = 0; i < 200 && limited === undefined; i++) {
  const answer = await getStatus({ client });
  if (answer.response?.status === 429) limited = answer.error;
}
assert.ok(limited, "the budget ran out with a typed problem");
assert.equal(limited.status, 429);

console.log("hey-api client: ok");
