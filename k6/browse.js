// Browse and search: the search query log the bench replays (bench/journeys.json's browse.queryLog,
// bench/data/search-queries.txt: one URL path per line, Zipf-drawn from thousands of distinct queries), walked in
// order, one line per iteration; after a search with hits, half of the iterations open one hit's product page.
// Open model (constant arrival rate). SEARCH_QUERIES=<file> replays another log (absolute, or relative to k6/).
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import { slo } from './lib/config.js';
import { journeys, send } from './lib/journeys.js';

const queries = new SharedArray('search queries', () => {
  const file = __ENV.SEARCH_QUERIES || import.meta.resolve(`../${journeys.browse.queryLog}`);
  const lines = open(file).split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) {
    throw new Error(`no queries in ${file}`);
  }
  return lines;
});

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
  const query = queries[exec.scenario.iterationInTest % queries.length];
  const { ok, res } = send(journeys.browse.search, { query });
  if (!ok) {
    return;
  }
  const body = /** @type {{items?: {id: string}[]}} */ (res.json());
  if (body.items && body.items.length > 0 && Math.random() < journeys.browse.productPageShare) {
    const hit = body.items[Math.floor(Math.random() * body.items.length)];
    send(journeys.browse.productPage, { product: hit.id });
  }
}
