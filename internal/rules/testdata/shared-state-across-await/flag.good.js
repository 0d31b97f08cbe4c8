const dictionaries = new Map();
let fetching = false;

// One load at a time: a call that finds the flag set leaves, and the flag
// is set before the await and cleared only after the entry is filled.
async function dictionary(lang, load) {
  if (dictionaries.has(lang)) return dictionaries.get(lang);
  if (fetching) return null;
  try {
    fetching = true;
    const dict = await load(lang);
    dictionaries.set(lang, dict);
    return dict;
  } finally {
    fetching = false;
  }
}

module.exports = { dictionary };

// A poller whose ticks skip while one runs: the checkpoint is read and
// advanced by one tick at a time.
class Poller {
  constructor(fetchWindow, ship) {
    this.fetchWindow = fetchWindow;
    this.ship = ship;
    this.running = false;
    this.checkpoint = 0;
  }

  async tick() {
    if (this.running) return;
    this.running = true;
    try {
      const start = this.checkpoint;
      await this.ship(await this.fetchWindow(start, start + 60000));
      this.checkpoint = start + 60000;
    } finally {
      this.running = false;
    }
  }
}

module.exports.Poller = Poller;
