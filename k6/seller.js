// Seller operations: list own orders and products, read the balance (sellers bob and sam of the dev realm).
import http from 'k6/http';
import { check } from 'k6';
import { urls, token, headers } from './lib/config.js';

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
  const h = headers(data.tokens[Math.floor(Math.random() * data.tokens.length)]);
  check(http.get(`${urls.order}/api/v1/seller/orders`, { headers: h, tags: { op: 'seller_orders' } }),
    { 'orders': (r) => r.status === 200 });
  check(http.get(`${urls.catalog}/api/v1/seller/products?size=20`, { headers: h, tags: { op: 'seller_products' } }),
    { 'products': (r) => r.status === 200 });
  check(http.get(`${urls.payment}/api/v1/seller/balance`, { headers: h, tags: { op: 'seller_balance' } }),
    { 'balance': (r) => r.status === 200 });
}
