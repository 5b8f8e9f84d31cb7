// Runs before a k6 script under Node: the module hooks, and k6's init-context globals (__ENV, open).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { state } from './stubs/state.mjs';

register('./hooks.mjs', import.meta.url);

globalThis.__ENV = { ...process.env };
/** open(): a path relative to k6/ (the working directory here), absolute, or a file: URL; every call is logged. */
globalThis.open = (file) => {
  const path = file.startsWith('file:') ? fileURLToPath(file) : resolve(process.cwd(), file);
  state.opened.push(path);
  return readFileSync(path, 'utf8');
};
