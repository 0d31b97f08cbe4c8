// Promise.all over promises that only ever resolve: the function that makes
// each one is passed to map by name.
class Fanout {
  constructor() {
    this.pipes = [];
  }

  async pipe(chunk) {
    const write = function (pipe) {
      return new Promise((resolve) => {
        pipe.write(chunk, () => resolve());
      });
    };
    await Promise.all(this.pipes.map(write));
  }

  flush(chunks) {
    for (const chunk of chunks) {
      this.pipe(chunk);
    }
  }
}

module.exports = { Fanout };
