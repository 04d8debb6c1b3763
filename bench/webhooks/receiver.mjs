// Webhook receivers for the delivery benchmark, on one loopback port: POST /hook records when each
// message arrived (once per webhook-id) and answers 204; POST /hang never answers (a dead receiver
// among the live ones). GET /stats gives the arrival times. Usage: node receiver.mjs PORT
import { createServer } from 'node:http';

const arrivals = new Map(); // webhook-id -> ms since the epoch, first arrival
let duplicates = 0;
const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ count: arrivals.size, duplicates, times: [...arrivals.values()] }));
    return;
  }
  if (request.url.startsWith('/hang')) return; // never answers
  const at = Date.now();
  request.resume();
  request.on('end', () => {
    const id = request.headers['webhook-id'];
    if (arrivals.has(id)) duplicates++; else arrivals.set(id, at);
    response.statusCode = 204;
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), '127.0.0.1');
