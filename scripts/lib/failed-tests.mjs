// Prints each failed test of the given .trx files with the first lines of its message, so the end of
// a test run names what failed even when only its tail is kept.
import { readFileSync } from "node:fs";

const decode = (text) =>
  text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

for (const file of process.argv.slice(2)) {
  const trx = readFileSync(file, "utf8");
  for (const [, attributes, body] of trx.matchAll(/<UnitTestResult ([^>]*outcome="Failed"[^>]*)>([\s\S]*?)<\/UnitTestResult>/g)) {
    const name = decode(/testName="([^"]*)"/.exec(attributes)?.[1] ?? "?");
    const message = decode(/<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1] ?? "").split("\n").slice(0, 12).join("\n    ");
    const stack = decode(/<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(body)?.[1] ?? "").split("\n").slice(0, 4).join("\n    ");
    console.log(`Failed ${name}\n    ${message}\n    ${stack}`);
  }
}
