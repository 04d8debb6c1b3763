// Prints each failed test of the given .trx files with the first lines of its message, and what the
// run itself reported (a test host that crashed or hung names no failed test), so the end of a test
// run says what failed even when only its tail is kept.
import { readFileSync } from "node:fs";

const decode = (text) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, decimal) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const firstLines = (text, count) => decode(text ?? "").trim().split(/\r?\n/).slice(0, count).join("\n    ");

for (const file of process.argv.slice(2)) {
  const trx = readFileSync(file, "utf8");
  const classOf = new Map(
    [...trx.matchAll(/<UnitTest\b[^>]*\bid="([^"]*)"[^>]*>[\s\S]*?<TestMethod\b[^>]*\bclassName="([^"]*)"/g)].map(([, id, type]) => [id, type.split(".").pop()]),
  );
  // Every result element, empty (<UnitTestResult ... />) or with a body, taken one at a time.
  for (const [, attributes, body] of trx.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    if (!/\boutcome="Failed"/.test(attributes)) continue;
    const type = classOf.get(/testId="([^"]*)"/.exec(attributes)?.[1]);
    const name = (type ? `${type}.` : "") + decode(/testName="([^"]*)"/.exec(attributes)?.[1] ?? "?");
    const message = firstLines(/<Message>([\s\S]*?)<\/Message>/.exec(body ?? "")?.[1], 12);
    const stack = firstLines(/<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(body ?? "")?.[1], 4);
    console.log(`Failed ${name}${message ? `\n    ${message}` : ""}${stack ? `\n    ${stack}` : ""}`);
  }
  for (const [, attributes, body] of trx.matchAll(/<RunInfo\b([^>]*)>([\s\S]*?)<\/RunInfo>/g)) {
    if (!/\boutcome="(Error|Failed|Aborted|Timeout)"/i.test(attributes)) continue;
    console.log(`Run: ${firstLines(/<Text>([\s\S]*?)<\/Text>/.exec(body)?.[1], 12)}`);
  }
}
