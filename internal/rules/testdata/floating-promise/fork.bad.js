// A task runner that hands the task's outcome to the waiting caller and
// returns the worker to the pool when the task ends.
class Runner {
  constructor(pool) {
    this.pool = pool;
  }

  run(worker, task, resolve, reject) {
    const result = task(worker);
    if (result instanceof Promise) {
      result.then(resolve, reject);
      result.finally(() => this.pool.giveBack(worker)); // expect: floating-promise
    } else {
      resolve(result);
      this.pool.giveBack(worker);
    }
  }
}

module.exports = { Runner };
