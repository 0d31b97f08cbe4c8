class Runner {
  constructor(pool) {
    this.pool = pool;
  }

  run(worker, task, resolve, reject) {
    const result = task(worker);
    if (result instanceof Promise) {
      result
        .then(resolve, reject)
        .finally(() => this.pool.giveBack(worker));
    } else {
      resolve(result);
      this.pool.giveBack(worker);
    }
  }

  // A value of unknown origin with no other sign of being a promise: the
  // chain alone is not proof enough.
  tidy(handle) {
    handle.finally(() => this.pool.flush());
  }
}

module.exports = { Runner };
