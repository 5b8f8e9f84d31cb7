// What the stubs share with the driver (run.mjs): the log, the current iteration, the fake platform's answers.
export const state = {
  /** @type {object[]} */ log: [],
  /** @type {string[]} */ opened: [],
  iteration: 0,
  vu: 1,
  /** @type {(req: {method: string, url: string, body: unknown}) => {status: number, headers?: Record<string, string>, body?: unknown}} */
  respond: () => ({ status: 599 }),
};
