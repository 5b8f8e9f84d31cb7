// The journeys of bench/journeys.json — the one definition the bench (bench/lib/CheckoutLoad.java) reads too — and
// how a k6 script sends one of its requests. The scripts only loop over what the file says.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { urls, headers } from './config.js';

/**
 * @typedef {{afterSeconds?: number, retryAfter?: boolean, defaultSeconds?: number}} Wait
 * @typedef {{op: string, max: number, while: Record<string, Wait>}} Replay
 * @typedef {{method: string, service: keyof typeof urls, path: string, body?: unknown, expect?: number[],
 *   save?: Record<string, string>, idempotencyKey?: boolean, replay?: Replay}} Request
 * @typedef {{
 *   requests: Record<string, Request>,
 *   checkout: {steps: string[], timedFrom: string},
 *   cart: {mix: Record<string, number>, bench: string[]},
 *   browse: {queryLog: string, search: string, productPage: string, productPageShare: number},
 *   seller: {steps: string[]},
 * }} Journeys
 * @typedef {import('k6/http').RefinedResponse<'text'>} Response
 */

/** @type {Journeys} */
export const journeys = JSON.parse(open(__ENV.JOURNEYS || import.meta.resolve('../../bench/journeys.json')));

/**
 * `${name}` replaced by the variable, in a string or anywhere inside a body.
 * @param {unknown} value
 * @param {Record<string, string>} vars
 * @returns {unknown}
 */
export function fill(value, vars) {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)\}/g, (_, name) => {
      if (!(name in vars)) {
        throw new Error(`no variable ${name} for ${value}`);
      }
      return vars[name];
    });
  }
  if (Array.isArray(value)) {
    return value.map((v) => fill(v, vars));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  }
  return value;
}

/**
 * Sends the definition's request `op` once, and again while its replay rule says so (same body, same key), then
 * checks the answer against `expect` and keeps what `save` names in `vars`.
 * @param {string} op a key of journeys.requests (also the request's `op` tag)
 * @param {Record<string, string>} vars the journey's variables; `save` adds to them
 * @param {string} [bearer] the user's access token
 * @param {string} [idempotencyKey] sent as Idempotency-Key when the request has `idempotencyKey`
 * @returns {{ok: boolean, res: Response}}
 */
export function send(op, vars, bearer, idempotencyKey) {
  const r = journeys.requests[op];
  if (!r) {
    throw new Error(`bench/journeys.json has no request ${op}`);
  }
  const url = urls[r.service] + /** @type {string} */ (fill(r.path, vars));
  const body = r.body === undefined ? null : JSON.stringify(fill(r.body, vars));
  const h = headers(bearer);
  if (r.idempotencyKey) {
    if (!idempotencyKey) {
      throw new Error(`${op} needs an Idempotency-Key`);
    }
    h['Idempotency-Key'] = idempotencyKey;
  }
  let res = http.request(r.method, url, body, { headers: h, tags: { op } });
  const replay = r.replay;
  for (let i = 0; replay && replay.while[String(res.status)] && i < replay.max; i++) {
    const wait = replay.while[String(res.status)];
    sleep(wait.retryAfter ? Number(res.headers['Retry-After'] || wait.defaultSeconds || 0) : (wait.afterSeconds || 0));
    res = http.request(r.method, url, body, { headers: h, tags: { op: replay.op } });
  }
  let ok = true;
  if (r.expect) {
    const expect = r.expect;
    ok = check(res, { [`${op} ${expect.join('|')}`]: (x) => expect.includes(x.status) });
  }
  if (ok && r.save) {
    const answer = /** @type {Record<string, unknown>} */ (res.json());
    for (const [name, field] of Object.entries(r.save)) {
      vars[name] = String(answer[field]);
    }
  }
  return { ok, res };
}

/**
 * The operation of a mix for one iteration: a low-discrepancy walk (golden ratio) over the shares, so any run of
 * iterations keeps them (within one iteration) without clustering.
 * @param {Record<string, number>} mix op → share (summing to 1)
 * @param {number} iteration
 * @returns {string}
 */
export function pick(mix, iteration) {
  const u = (iteration * 0.6180339887498949) % 1;
  let acc = 0;
  const ops = Object.keys(mix);
  for (const op of ops) {
    acc += mix[op];
    if (u < acc) {
      return op;
    }
  }
  return ops[ops.length - 1];
}
