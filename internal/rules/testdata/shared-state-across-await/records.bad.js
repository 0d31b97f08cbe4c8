const { EventEmitter } = require("events");
const { fetchRates } = require("./remote");

// A service object made once and shared by every request: its cache filled
// across an await is shared state. Extending a class that is no ORM model
// changes nothing.
class RateService extends EventEmitter {
  async rates(currency) {
    this.table = this.table || {};
    const known = this.table[currency];
    if (known === undefined) {
      const fresh = await fetchRates(currency);
      this.table[currency] = fresh; // expect: shared-state-across-await
    }
    return this.table[currency];
  }
}

module.exports = new RateService();
