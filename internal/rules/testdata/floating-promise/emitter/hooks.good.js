const { EventEmitter } = require("events");

class Hooks extends EventEmitter {
  async emitAsync(name, ctx) {
    for (const fn of this.listeners(name)) {
      await fn(ctx);
    }
  }

  async start(ctx) {
    await this.emitAsync("start", ctx);
  }
}

const hooks = new Hooks();

// "start" is only dispatched through the awaited emitAsync(): the listener's
// rejection fails start().
hooks.on("start", async (ctx) => {
  await ctx.db.connect();
});

module.exports = { hooks };
