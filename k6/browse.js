// Browse and search: mixed queries with facets, then product pages. Open model (constant arrival rate).
import http from 'k6/http';
import { check } from 'k6';
import { urls, slo } from './lib/config.js';

const QUERIES = ['mug', 'lamp', 'wool', 'shirt', 'headphones', 'leather bag', 'ceramic', 'oak', 'linen', 'watch'];
const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'];

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    browse: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 200),
      timeUnit: '1s',
      duration: __ENV.DURATION || '2m',
      preAllocatedVUs: 50,
      maxVUs: 400,
    },
  },
  thresholds: {
    'http_req_duration{op:search}': slo['http_req_duration{op:search}'],
    'http_req_duration{op:product}': slo['http_req_duration{op:product}'],
    http_req_failed: slo.http_req_failed,
  },
};

export default function () {
  const q = QUERIES[Math.floor(Math.random() * QUERIES.length)];
  const sort = SORTS[Math.floor(Math.random() * SORTS.length)];
  const res = http.get(`${urls.catalog}/api/v1/products?q=${encodeURIComponent(q)}&sort=${sort}&size=20`,
    { tags: { op: 'search' } });
  check(res, { 'search 200': (r) => r.status === 200 });
  const body = /** @type {{items?: {id: string}[]}} */ (res.json());
  if (body.items && body.items.length > 0 && Math.random() < 0.5) {
    const hit = body.items[Math.floor(Math.random() * body.items.length)];
    const page = http.get(`${urls.catalog}/api/v1/products/${hit.id}`, { tags: { op: 'product' } });
    check(page, { 'product 200': (r) => r.status === 200 });
  }
}
