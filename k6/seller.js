// Seller operations of bench/journeys.json: list own orders and products, read the balance (sellers bob and sam of
// the dev realm).
import { journeys, send } from './lib/journeys.js';
import { token } from './lib/config.js';

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    seller: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 20),
      timeUnit: '1s',
      duration: __ENV.DURATION || '2m',
      preAllocatedVUs: 10,
      maxVUs: 50,
    },
  },
  thresholds: {
    'http_req_duration{op:seller_orders}': ['p(95)<300', 'p(99)<800'],
    'http_req_duration{op:seller_products}': ['p(95)<300', 'p(99)<800'],
    http_req_failed: ['rate<0.001'],
  },
};

export function setup() {
  return { tokens: [token('bob', 'bob'), token('sam', 'sam')] };
}

/** @param {{tokens: string[]}} data */
export default function (data) {
  const bearer = data.tokens[Math.floor(Math.random() * data.tokens.length)];
  for (const op of journeys.seller.steps) {
    send(op, {}, bearer);
  }
}
