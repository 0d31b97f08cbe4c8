exports.cache = require("./cache");
