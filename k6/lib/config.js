// Shared settings of every Bazaar k6 script: where the services are, who the users are, what the SLOs are.
import http from 'k6/http';
import { check, fail } from 'k6';

/** Base URLs from the environment (defaults: the local platform of `bin/bazaar up`). */
export const urls = {
  catalog: __ENV.CATALOG_URL || 'http://localhost:8081',
  cart: __ENV.CART_URL || 'http://localhost:8082',
  checkout: __ENV.CHECKOUT_URL || 'http://localhost:8083',
  order: __ENV.ORDER_URL || 'http://localhost:8084',
  payment: __ENV.PAYMENT_URL || 'http://localhost:8085',
  keycloak: __ENV.KEYCLOAK_URL || 'http://localhost:8180',
};

/** The SLOs of ARCHITECTURE.md as k6 thresholds (tagged by operation), plus an error rate under 0.1 %. */
export const slo = {
  'http_req_duration{op:search}': ['p(50)<100', 'p(95)<200', 'p(99)<500'],
  'http_req_duration{op:product}': ['p(95)<200', 'p(99)<500'],
  'http_req_duration{op:add_to_cart}': ['p(50)<50', 'p(95)<100', 'p(99)<200'],
  'checkout_completed_ms': ['p(50)<1000', 'p(95)<2000', 'p(99)<3000'],
  http_req_failed: ['rate<0.001'],
};

/**
 * Access tokens of the seeded buyers load001…load500 (dev realm, password grant of the public client bazaar-web),
 * fetched once in setup() and shared by index with the virtual users.
 * @param {number} count how many buyers
 * @param {string} [prefix] user name prefix
 * @returns {string[]}
 */
export function buyerTokens(count, prefix = 'load') {
  /** @type {string[]} */
  const tokens = [];
  for (let i = 1; i <= count; i++) {
    const user = `${prefix}${String(i).padStart(3, '0')}`;
    tokens.push(token(user, user));
  }
  return tokens;
}

/**
 * One user's access token.
 * @param {string} username
 * @param {string} password
 * @returns {string}
 */
export function token(username, password) {
  const res = http.post(`${urls.keycloak}/realms/bazaar/protocol/openid-connect/token`, {
    grant_type: 'password', client_id: 'bazaar-web', username, password,
  }, { tags: { op: 'token' } });
  if (!check(res, { 'token issued': (r) => r.status === 200 })) {
    fail(`no token for ${username}: ${res.status}`);
  }
  const body = /** @type {{access_token: string}} */ (res.json());
  return body.access_token;
}

/**
 * Authorization and JSON headers.
 * @param {string} [bearer]
 * @returns {Record<string, string>}
 */
export function headers(bearer) {
  /** @type {Record<string, string>} */
  const h = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (bearer) {
    h.Authorization = `Bearer ${bearer}`;
  }
  return h;
}

/**
 * Variant ids of seeded, searchable products (the demo catalogue): what the cart and checkout scenarios buy.
 * @param {number} wanted
 * @returns {{productId: string, variantId: string}[]}
 */
export function seededVariants(wanted) {
  /** @type {{productId: string, variantId: string}[]} */
  const out = [];
  for (let page = 0; out.length < wanted && page < 50; page++) {
    const res = http.get(`${urls.catalog}/api/v1/products?inStock=true&size=100&page=${page}`, { tags: { op: 'seed' } });
    const body = /** @type {{items: {id: string}[]}} */ (res.json());
    if (!body.items || body.items.length === 0) {
      break;
    }
    for (const hit of body.items) {
      if (out.length >= wanted) {
        break;
      }
      const product = http.get(`${urls.catalog}/api/v1/products/${hit.id}`, { tags: { op: 'seed' } });
      const p = /** @type {{variants: {id: string, available: number}[]}} */ (product.json());
      const v = (p.variants || []).find((x) => x.available > 20);
      if (v) {
        out.push({ productId: hit.id, variantId: v.id });
      }
    }
  }
  if (out.length === 0) {
    fail('no seeded products with stock: run bin/bazaar up (it seeds the demo catalogue)');
  }
  return out;
}
