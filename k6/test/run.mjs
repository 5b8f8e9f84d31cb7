// Runs a k6 script under Node with the stubs and the fake platform, and prints what it sent as one JSON document:
//   node --import ./test/register.mjs test/run.mjs <script.js> [iterations=1] [exec=default] [--init-only]
// (from k6/). {opened: [files], setup: [log], iterations: [[log], …], error?}: a log holds the requests (op tag,
// method, service, path, body, Idempotency-Key, Authorization), sleeps, checks and metrics, in order.
// deploy-tests' K6JourneysTest compares them with bench/journeys.json.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { state } from './stubs/state.mjs';
import { fakePlatform } from './fake-platform.mjs';

const args = process.argv.slice(2);
const initOnly = args.includes('--init-only');
const [script, iterations = '1', exec = 'default'] = args.filter((a) => !a.startsWith('--'));

for (const service of ['catalog', 'cart', 'checkout', 'order', 'payment', 'keycloak']) {
  globalThis.__ENV[`${service.toUpperCase()}_URL`] = `http://fake/${service}`;
}
let seed = 28;
Math.random = () => { // mulberry32: the same "random" choices on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
state.respond = fakePlatform();

const out = { opened: state.opened, setup: [], iterations: [] };
try {
  const mod = await import(pathToFileURL(resolve(process.cwd(), script)).href);
  if (!initOnly) {
    const data = mod.setup ? mod.setup() : undefined;
    out.setup = state.log.splice(0);
    const fn = mod[exec];
    if (typeof fn !== 'function') {
      throw new Error(`${script} exports no function ${exec}`);
    }
    for (let i = 0; i < Number(iterations); i++) {
      state.iteration = i;
      fn(data);
      out.iterations.push(state.log.splice(0));
    }
  }
} catch (e) {
  out.error = String(e && e.stack ? e.stack : e);
}
process.stdout.write(JSON.stringify(out) + '\n');
