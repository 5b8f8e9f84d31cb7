// The fake platform over HTTP, for drivers that are not k6 scripts (bench/lib/CheckoutLoad.java):
//   node test/serve.mjs   → prints {"port": N}, then one JSON line per request received (as run.mjs logs them).
// Base URLs: http://127.0.0.1:N/<service> (catalog, cart, checkout, order, payment, keycloak). Stops on stdin's end.
import { createServer } from 'node:http';
import { fakePlatform, entry } from './fake-platform.mjs';

const respond = fakePlatform();
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = `http://fake${req.url}`;
    process.stdout.write(JSON.stringify(entry(req.method, url, body, /** @type {any} */ (req.headers), null)) + '\n');
    const answer = respond({ method: req.method, url, body });
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers || {}) });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
