import { state } from './state.mjs';
import { entry } from '../fake-platform.mjs';

function canonical(name) {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, d, c) => d + c.toUpperCase());
}
export function request(method, url, body, params = {}) {
  const e = entry(method, url, body, params.headers, params.tags?.op ?? null);
  state.log.push(e);
  const answer = state.respond({ method, url, body });
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of Object.entries(answer.headers || {})) {
    headers[canonical(k)] = v;
  }
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  return { status: answer.status, headers, body: text, json: () => JSON.parse(text) };
}
export const get = (url, params) => request('GET', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);
export default { request, get, post, put, patch, del };
