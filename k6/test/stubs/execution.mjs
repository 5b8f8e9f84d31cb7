import { state } from './state.mjs';

export default {
  scenario: { get iterationInTest() { return state.iteration; }, get name() { return 'stub'; } },
  vu: { get idInTest() { return state.vu; }, get iterationInScenario() { return state.iteration; } },
};
