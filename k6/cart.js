// Cart: add, update, view for the seeded buyers; each virtual user keeps to one buyer's cart.
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { urls, slo, buyerTokens, headers, seededVariants } from './lib/config.js';

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
  const roll = Math.random();
  if (roll < 0.6) {
    const res = http.post(`${urls.cart}/api/v1/cart/items`, JSON.stringify({ variantId: v.variantId, quantity: 1 }),
      { headers: headers(bearer), tags: { op: 'add_to_cart' } });
    check(res, { 'added': (r) => r.status === 200 || r.status === 201 });
  } else if (roll < 0.8) {
    const res = http.patch(`${urls.cart}/api/v1/cart/items/${v.variantId}`, JSON.stringify({ quantity: 2 }),
      { headers: headers(bearer), tags: { op: 'update_cart' } });
    check(res, { 'updated or not in cart': (r) => r.status === 200 || r.status === 404 });
  } else {
    const res = http.get(`${urls.cart}/api/v1/cart`, { headers: headers(bearer), tags: { op: 'get_cart' } });
    check(res, { 'cart 200': (r) => r.status === 200 });
  }
}
