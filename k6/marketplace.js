// A marketplace day: browsing, carts, checkouts and sellers at once, each an open-model arrival rate (parameters).
import { slo, buyerTokens, seededVariants, token } from './lib/config.js';
import browse from './browse.js';
import cart from './cart.js';
import checkout from './checkout.js';
import seller from './seller.js';

const minutes = __ENV.DURATION || '10m';

/**
 * @param {string} exec
 * @param {number} rate
 * @param {number} maxVUs
 * @returns {import('k6/options').Scenario}
 */
function scenario(exec, rate, maxVUs) {
  return { executor: 'constant-arrival-rate', exec, rate, timeUnit: '1s', duration: minutes,
    preAllocatedVUs: Math.max(5, Math.floor(maxVUs / 4)), maxVUs };
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    browse: scenario('browsing', Number(__ENV.BROWSE_RATE || 150), 300),
    cart: scenario('carting', Number(__ENV.CART_RATE || 300), 300),
    checkout: scenario('checkingOut', Number(__ENV.CHECKOUT_RATE || 10), 100),
    seller: scenario('selling', Number(__ENV.SELLER_RATE || 5), 20),
  },
  thresholds: slo,
};

export function setup() {
  return { tokens: buyerTokens(Number(__ENV.BUYERS || 500)), variants: seededVariants(100),
    sellerTokens: [token('bob', 'bob'), token('sam', 'sam')] };
}

export function browsing() {
  browse();
}

/** @param {{tokens: string[], variants: {productId: string, variantId: string}[]}} data */
export function carting(data) {
  cart(data);
}

/** @param {{tokens: string[], variants: {productId: string, variantId: string}[]}} data */
export function checkingOut(data) {
  checkout(data);
}

/** @param {{sellerTokens: string[]}} data */
export function selling(data) {
  seller({ tokens: data.sellerTokens });
}
