// Verifies one webhook delivery with the reference library (npm standardwebhooks), as a receiver would.
// Usage: node verify-webhook.mjs request.json   ({"secret", "body", "headers"}); prints "verified" or exits 1.
// The library also refuses timestamps more than 5 minutes from its clock; the tests move time with a
// fake clock, so its clock is set to the delivery's own timestamp: what is checked is the signature.
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';

const { secret, body, headers } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
Date.now = () => Number(headers['webhook-timestamp']) * 1000;
try {
  new Webhook(secret.replace(/^whsec_/, '')).verify(body, headers);
  console.log('verified');
} catch (error) {
  console.error(`not verified: ${error.message}`);
  process.exit(1);
}
