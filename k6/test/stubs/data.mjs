export class SharedArray {
  constructor(name, make) {
    const data = make();
    if (!Array.isArray(data)) {
      throw new Error(`SharedArray ${name}: the function must return an array`);
    }
    return Object.freeze(data);
  }
}
export default { SharedArray };
