// Checks every answer the functional tests received (one JSON line each, written by
// tests/Api.FunctionalTests/ResponseRecorder.cs) against the OpenAPI document the service served:
// the status must be declared for the operation, the media type too, and a JSON body must match its
// schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it: null is a type like any other). HEAD answers
// are checked against the HEAD operations. Exits 1 on any mismatch.
// Usage: node validate-responses.mjs openapi.json responses.jsonl
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [documentPath, responsesPath] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const records = readFileSync(responsesPath, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line));

// The document's schemas as they are (OpenAPI 3.1 schemas are JSON Schema); refs point into one registered schema.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') throw new Error('OpenAPI 3.0 `nullable` in a 3.1 document');
    out[key] = key === '$ref' ? value.replace('#/components/schemas/', 'openapi#/$defs/') : toJsonSchema(value);
  }
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', $defs: toJsonSchema(document.components?.schemas ?? {}) });

const mediaType = value => (value ?? '').split(';')[0].trim().toLowerCase();
const isJson = type => type === 'application/json' || type.endsWith('+json');
const failures = new Map();
const fail = (record, message) => {
  const key = `${record.method} /${record.route} ${record.status}: ${message}`;
  failures.set(key, (failures.get(key) ?? 0) + 1);
};
const covered = new Set();

for (const record of records) {
  const path = '/' + record.route.replace(/\{([^}:]+)(:[^}]*)?\}/g, '{$1}');
  const item = document.paths[path];
  if (!item) { fail(record, `path ${path} is not in the document`); continue; }
  const operation = item[record.method.toLowerCase()];
  if (!operation) { fail(record, `method not in the document`); continue; }
  const response = operation.responses[String(record.status)] ?? operation.responses.default;
  if (!response) { fail(record, `status ${record.status} is not declared`); continue; }
  covered.add(`${record.method} ${path} ${record.status}`);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = record.headers[name.toLowerCase()];
    if (value !== undefined && header.schema?.type === 'integer' && !/^\d+$/.test(value)) {
      fail(record, `header ${name} is not an integer: ${value}`);
    }
  }

  if (record.method === 'HEAD' || record.status === 304 || !record.body) continue;
  const type = mediaType(record.headers['content-type']);
  const declared = Object.entries(response.content ?? {}).find(([name]) => mediaType(name) === type);
  if (!declared) { fail(record, `media type ${type} is not declared (declared: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`); continue; }
  if (!isJson(type) || !declared[1].schema) continue;
  const validate = ajv.compile(toJsonSchema(declared[1].schema));
  if (!validate(JSON.parse(record.body))) {
    fail(record, ajv.errorsText(validate.errors, { separator: '; ' }));
  }
}

console.log(`${records.length} answers checked against the document; ${covered.size} distinct operation/status pairs.`);
for (const [message, count] of failures) console.log(`MISMATCH (${count}×) ${message}`);
process.exit(failures.size === 0 && records.length > 0 ? 0 : 1);
