import { state } from './state.mjs';

class Metric {
  constructor(name) {
    this.name = name;
  }
  add(value) {
    state.log.push({ type: 'metric', name: this.name, value });
  }
}
export class Trend extends Metric {}
export class Counter extends Metric {}
export class Rate extends Metric {}
export class Gauge extends Metric {}
export default { Trend, Counter, Rate, Gauge };
