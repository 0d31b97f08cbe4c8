const { Writable } = require("stream");

// The stream's callback reports to the stream, which emits "error": it
// never throws back into the .then, so the .catch cannot call it twice.
class ToDatabase extends Writable {
  constructor(save) {
    super({ objectMode: true });
    this.save = save;
  }

  _write(chunk, encoding, callback) {
    this.save(chunk)
      .then(() => callback(null))
      .catch((error) => callback(error));
  }
}

module.exports = { ToDatabase };
