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
