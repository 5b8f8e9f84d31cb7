// The checkout journey of bench/journeys.json (the one CheckoutLoad.java runs): clear the cart, add, quote, confirm
// with pm_card_visa, replay the confirm with the same Idempotency-Key while it answers 202 (and after Retry-After
// while 503 checkout-busy). checkout_completed_ms counts from the first confirm to its 200 (COMPLETED).
import { Trend, Counter } from 'k6/metrics';
import exec from 'k6/execution';
import { slo, buyerTokens, seededVariants } from './lib/config.js';
import { journeys, send } from './lib/journeys.js';

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
  const n = exec.scenario.iterationInTest;
  const bearer = data.tokens[n % data.tokens.length];
  /** @type {Record<string, string>} */
  const vars = { variant: data.variants[n % data.variants.length].variantId };
  const key = `k6-${exec.vu.idInTest}-${n}-${Date.now()}`;
  let started = 0;
  for (const op of journeys.checkout.steps) {
    if (op === journeys.checkout.timedFrom) {
      started = Date.now();
    }
    if (!send(op, vars, bearer, key).ok) {
      failed.add(1);
      return;
    }
  }
  completed.add(Date.now() - started);
}
