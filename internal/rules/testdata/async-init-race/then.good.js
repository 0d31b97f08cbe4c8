const { connectQueue, readTemplates } = require("./clients");

// The promise itself is memoised.
let queuePromise;
function getQueue() {
  if (!queuePromise) {
    queuePromise = connectQueue("amqp://127.0.0.1").then((q) => {
      return q;
    });
  }
  return queuePromise;
}

// Data read locally: a second read creates nothing.
let templates;
function getTemplates() {
  if (templates) return Promise.resolve(templates);
  return readTemplates().then((t) => {
    templates = t;
    return t;
  });
}

module.exports = { getQueue, getTemplates };

// The continuation fills the slot, but the chain itself is memoised first.
class Runner {
  connect() {
    if (this.connection) return Promise.resolve(this.connection);
    if (this.connecting) return this.connecting;
    this.connecting = connectQueue("amqp://127.0.0.1").then((c) => {
      this.connection = c;
      return c;
    });
    return this.connecting;
  }
}

// An async IIFE whose promise is memoised before anyone awaits it.
const state = { runtime: undefined, starting: undefined };
async function startRuntime() {
  if (state.runtime) return state.runtime;
  if (state.starting) return await state.starting;
  state.starting = (async () => {
    const runtime = await connectQueue("redis://127.0.0.1");
    state.runtime = runtime;
    state.starting = undefined;
    return runtime;
  })();
  return await state.starting;
}

module.exports.Runner = Runner;
module.exports.startRuntime = startRuntime;
