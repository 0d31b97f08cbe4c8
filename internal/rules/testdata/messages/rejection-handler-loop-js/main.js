const { start } = require("./jobs");

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

class Refresher {
  constructor(store) {
    this.store = store;
  }

  // Schedules its next turn only when a turn ends: a failed load stops
  // refreshing for good although the process goes on.
  async refresh() {
    const rows = await this.store.list();
    this.rows = rows;
    this.timer = global.setTimeout(() => this.refresh(), 60000);
  }

  // The failure is caught: the next turn is always scheduled.
  async refreshSafely() {
    try {
      this.rows = await this.store.list();
    } catch (err) {
      console.error(err);
    }
    this.timer = setTimeout(() => this.refreshSafely(), 60000);
  }

  // The next turn is scheduled in finally: a failed load is left to the
  // handler, and the next turn runs.
  async refreshAlways() {
    try {
      this.rows = await this.store.list();
    } finally {
      this.timer = setTimeout(() => this.refreshAlways(), 60000);
    }
  }
}

const r = new Refresher({ list: async () => [] });
r.refresh();
r.refreshSafely();
r.refreshAlways();
start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");
