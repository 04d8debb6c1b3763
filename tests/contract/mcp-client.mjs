// An MCP client in another language than the service: the official TypeScript SDK connects over
// Streamable HTTP, lists the tools and calls each one asked for. The SDK checks every structured
// answer against the tool's output schema (a mismatch is reported as protocol_error).
// Usage: node mcp-client.mjs MCP_URL CALLS_JSON_FILE   (the file: [{"name": ..., "arguments": {...}}])
// Prints {"server", "tools", "results": [{"name", "is_error", "text", "structured"} or {"name", "protocol_error"}]}.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, callsFile] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, 'utf8'));
const client = new Client({ name: 'lunarvoc-contract-checks', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const { tools } = await client.listTools();
const results = [];
for (const call of calls) {
  try {
    const result = await client.callTool({ name: call.name, arguments: call.arguments });
    results.push({
      name: call.name,
      is_error: result.isError === true,
      text: result.content?.find((block) => block.type === 'text')?.text ?? null,
      structured: result.structuredContent ?? null,
    });
  } catch (error) {
    results.push({ name: call.name, protocol_error: String(error?.message ?? error) });
  }
}
console.log(JSON.stringify({ server: client.getServerVersion(), tools, results }));
await client.close();
