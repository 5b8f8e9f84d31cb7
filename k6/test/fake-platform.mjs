// A fake Bazaar for checking the load journeys without a platform: answers every request the k6 scripts and
// bench/lib/CheckoutLoad.java send, and logs them. Services are told apart by the first path segment
// (CART_URL=http://fake/cart …). Each checkout's confirm answers CONFIRM_PLAN in turn: the journeys' replay rules
// (202: replay; 503 checkout-busy: wait Retry-After, replay) are exercised on every journey.
export const CONFIRM_PLAN = [
  { status: 202 },
  { status: 503, headers: { 'Retry-After': '1' } },
  { status: 202 },
  { status: 200 },
];

/** @param {number} kind @param {number} n */
export const uuid = (kind, n) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, '0')}`;
export const PRODUCTS = [1, 2, 3].map((n) => ({ id: uuid(1, n), variant: uuid(2, n) }));
export const SEARCH_HITS = [uuid(1, 11), uuid(1, 12)];

export function fakePlatform() {
  let quotes = 0;
  let orders = 0;
  /** @type {Map<string, number>} */
  const confirms = new Map();
  /**
   * @param {{method: string, url: string, body: unknown}} req
   * @returns {{status: number, headers?: Record<string, string>, body?: unknown}}
   */
  return function respond(req) {
    const u = new URL(req.url);
    const [, service, ...rest] = u.pathname.split('/');
    const path = '/' + rest.join('/');
    const m = req.method;
    if (service === 'keycloak') {
      const form = typeof req.body === 'string' ? Object.fromEntries(new URLSearchParams(req.body)) : req.body;
      return { status: 200, body: { access_token: `token-${/** @type {any} */ (form).username}` } };
    }
    if (service === 'catalog' && m === 'GET' && path === '/api/v1/products') {
      if ([...u.searchParams.keys()].sort().join() === 'inStock,page,size') { // the scripts' seeding, not a search
        const page = Number(u.searchParams.get('page') || 0);
        return { status: 200, body: { items: page === 0 ? PRODUCTS.map((p) => ({ id: p.id, slug: 'p' })) : [] } };
      }
      return { status: 200, body: { items: SEARCH_HITS.map((id) => ({ id, slug: 's' })) } };
    }
    if (service === 'catalog' && m === 'GET' && path.startsWith('/api/v1/products/')) {
      const id = path.split('/').pop();
      const p = PRODUCTS.find((x) => x.id === id);
      return { status: 200, body: { id, variants: p ? [{ id: uuid(3, 0), available: 0 }, { id: p.variant, available: 50 }] : [] } };
    }
    if (service === 'cart' && path.startsWith('/api/v1/cart')) {
      return { status: m === 'DELETE' ? 204 : m === 'POST' ? 201 : 200, body: m === 'DELETE' ? undefined : { lines: [] } };
    }
    if (service === 'checkout' && m === 'POST' && path === '/api/v1/checkouts') {
      return { status: 201, body: { id: uuid(4, ++quotes), status: 'QUOTED' } };
    }
    const confirm = path.match(/^\/api\/v1\/checkouts\/([0-9a-f-]{36})\/confirm$/);
    if (service === 'checkout' && m === 'POST' && confirm) {
      const i = confirms.get(confirm[1]) || 0;
      confirms.set(confirm[1], i + 1);
      const step = CONFIRM_PLAN[Math.min(i, CONFIRM_PLAN.length - 1)];
      return step.status === 200
        ? { status: 200, body: { id: confirm[1], status: 'COMPLETED', orderId: uuid(5, ++orders) } }
        : { status: step.status, headers: step.headers, body: { id: confirm[1], status: 'RUNNING' } };
    }
    if (m === 'GET' && (service === 'order' || service === 'catalog' || service === 'payment')) {
      return { status: 200, body: { items: [] } };
    }
    return { status: 404, body: { title: `fake platform: no ${m} ${service}${path}` } };
  };
}

/**
 * What the log keeps of a request.
 * @param {string} method @param {string} url @param {unknown} body @param {Record<string, string>} headers
 * @param {string|null} op
 */
export function entry(method, url, body, headers, op) {
  const u = new URL(url);
  const [, service, ...rest] = u.pathname.split('/');
  /** @type {Record<string, string>} */
  const h = {};
  for (const [k, v] of Object.entries(headers || {})) {
    h[k.toLowerCase()] = String(v);
  }
  return { type: 'http', op, method, service, path: '/' + rest.join('/') + u.search,
    body: body === null || body === undefined || body === '' ? null : body,
    idempotencyKey: h['idempotency-key'] || null, authorization: h.authorization || null, time: Date.now() };
}
