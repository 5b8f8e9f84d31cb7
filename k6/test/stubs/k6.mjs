import { state } from './state.mjs';

export function check(value, checks) {
  let ok = true;
  for (const [name, fn] of Object.entries(checks)) {
    const passed = Boolean(fn(value));
    state.log.push({ type: 'check', name, ok: passed });
    ok = ok && passed;
  }
  return ok;
}
export function sleep(seconds) {
  state.log.push({ type: 'sleep', seconds });
}
export function fail(message) {
  throw new Error(`k6 fail(): ${message}`);
}
export function group(name, fn) {
  return fn();
}
export default { check, sleep, fail, group };
