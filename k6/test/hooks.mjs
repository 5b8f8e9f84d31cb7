// Module hooks (node --import ./test/register.mjs): 'k6' and 'k6/*' resolve to the stubs in ./stubs, and the k6
// scripts (plain .js with import/export) load as ES modules.
const STUBS = { k6: 'k6.mjs', 'k6/http': 'http.mjs', 'k6/metrics': 'metrics.mjs', 'k6/execution': 'execution.mjs',
  'k6/data': 'data.mjs' };
const K6_DIR = new URL('../', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (Object.hasOwn(STUBS, specifier)) {
    return { url: new URL(`./stubs/${STUBS[specifier]}`, import.meta.url).href, shortCircuit: true };
  }
  if (specifier.startsWith('k6/')) {
    throw new Error(`no stub for ${specifier}: add one to k6/test/stubs and hooks.mjs`);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(K6_DIR) && url.endsWith('.js') && !url.includes('/node_modules/')) {
    return next(url, { ...context, format: 'module' });
  }
  return next(url, context);
}
