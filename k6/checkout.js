// The checkout journey: fill a cart, quote, confirm with pm_card_visa, follow the saga to COMPLETED.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Trend, Counter } from 'k6/metrics';
import exec from 'k6/execution';
import { urls, slo, buyerTokens, headers, seededVariants } from './lib/config.js';

const completed = new Trend('checkout_completed_ms', true);
const failed = new Counter('checkout_failed');

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    checkout: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 50),
      timeUnit: '1s',
      duration: __ENV.DURATION || '2m',
      preAllocatedVUs: 100,
      maxVUs: 400,
    },
  },
  thresholds: {
    checkout_completed_ms: slo.checkout_completed_ms,
    checkout_failed: ['count<1'],
    http_req_failed: slo.http_req_failed,
  },
};

export function setup() {
  return { tokens: buyerTokens(Number(__ENV.BUYERS || 500)), variants: seededVariants(100) };
}

/** @param {{tokens: string[], variants: {productId: string, variantId: string}[]}} data */
export default function (data) {
  const bearer = data.tokens[exec.scenario.iterationInTest % data.tokens.length];
  const h = headers(bearer);
  http.del(`${urls.cart}/api/v1/cart`, null, { headers: h, tags: { op: 'clear_cart' } });
  const v = data.variants[exec.scenario.iterationInTest % data.variants.length];
  http.post(`${urls.cart}/api/v1/cart/items`, JSON.stringify({ variantId: v.variantId, quantity: 1 }),
    { headers: h, tags: { op: 'add_to_cart' } });
  const quote = http.post(`${urls.checkout}/api/v1/checkouts`, JSON.stringify({
    shippingAddress: { name: 'Load Test', line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001',
      country: 'US' },
  }), { headers: h, tags: { op: 'quote' } });
  if (!check(quote, { 'quoted': (r) => r.status === 201 })) {
    failed.add(1);
    return;
  }
  const id = /** @type {{id: string}} */ (quote.json()).id;
  const started = Date.now();
  const key = `k6-${exec.scenario.iterationInTest}-${id}`;
  const body = JSON.stringify({ paymentMethod: 'pm_card_visa' });
  /** @type {import('k6/http').RefinedResponse<'text'>} */
  let res = http.post(`${urls.checkout}/api/v1/checkouts/${id}/confirm`, body,
    { headers: Object.assign({ 'Idempotency-Key': key }, h), tags: { op: 'confirm' } });
  // 202: still running — a replay of the same key answers the current status; 503 checkout-busy: admission control
  // refused to start the saga (nothing charged or reserved) — the same key again after Retry-After
  for (let i = 0; (res.status === 202 || res.status === 503) && i < 20; i++) {
    sleep(res.status === 503 ? Number(res.headers['Retry-After'] || '2') : 0.25);
    res = http.post(`${urls.checkout}/api/v1/checkouts/${id}/confirm`, body,
      { headers: Object.assign({ 'Idempotency-Key': key }, h), tags: { op: 'confirm_replay' } });
  }
  if (check(res, { 'completed': (r) => r.status === 200 })) {
    completed.add(Date.now() - started);
  } else {
    failed.add(1);
  }
}
