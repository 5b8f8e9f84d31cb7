// Cart: the mix of bench/journeys.json (add, update, view by their shares) for the seeded buyers; each virtual user
// keeps to one buyer's cart. The bench measures the mix's add_to_cart and get_cart (the same requests) each alone.
import exec from 'k6/execution';
import { slo, buyerTokens, seededVariants } from './lib/config.js';
import { journeys, send, pick } from './lib/journeys.js';

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    cart: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 1000),
      timeUnit: '1s',
      duration: __ENV.DURATION || '2m',
      preAllocatedVUs: 100,
      maxVUs: 500,
    },
  },
  thresholds: {
    'http_req_duration{op:add_to_cart}': slo['http_req_duration{op:add_to_cart}'],
    http_req_failed: slo.http_req_failed,
  },
};

export function setup() {
  return { tokens: buyerTokens(Number(__ENV.BUYERS || 200)), variants: seededVariants(50) };
}

/** @param {{tokens: string[], variants: {productId: string, variantId: string}[]}} data */
export default function (data) {
  const bearer = data.tokens[exec.vu.idInTest % data.tokens.length];
  const v = data.variants[Math.floor(Math.random() * data.variants.length)];
  send(pick(journeys.cart.mix, exec.scenario.iterationInTest), { variant: v.variantId }, bearer);
}
