// The same in JavaScript, with the callbacks kept in a Set.
class Reloader {
  constructor(source) {
    this.source = source;
    this.reloading = false;
    this.waiting = new Set();
  }

  reload(done) {
    if (this.reloading) {
      if (done) this.waiting.add(done);
      return;
    }
    this.reloading = true;
    if (done) this.waiting.add(done);
    this.source.fetchAll((err) => {
      this.reloading = false;
      const waiting = [...this.waiting];
      this.waiting.clear();
      for (const cb of waiting) cb(err);
    });
  }
}

module.exports = { Reloader };
