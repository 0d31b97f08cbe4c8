const { db } = require("./db");

class Settings {
  get data() {
    return { theme: "dark", _id: this._id };
  }

  static async load() {
    const row = await db.settings.findOne({});
    return new Settings(row);
  }

  async save() {
    if (!this._id) {
      const inserted = await db.settings.insert(this.data);
      this._id = inserted._id; // expect: async-init-race
    }
    return this;
  }
}

// One instance serves every request.
const shared = new Settings();

async function handle(req, res) {
  await shared.save();
  res.json(shared.data);
}

module.exports = { handle, Settings };
