const AsyncLock = require("async-lock");

const locks = new AsyncLock();

module.exports = { locks };
