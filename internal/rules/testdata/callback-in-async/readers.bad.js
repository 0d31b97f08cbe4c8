const fs = require("fs");
const { exec } = require("child_process");
const crypto = require("crypto");
const mysql = require("mysql");

const connection = mysql.createConnection({ host: "127.0.0.1", user: "app", database: "shop" });

async function readConfig(configPath) {
  fs.readFile(configPath, "utf8", (err, text) => { // expect: callback-in-async
    if (err) throw err;
    return JSON.parse(text);
  });
}

async function gitRevision() {
  exec("git rev-parse HEAD", (error, stdout) => { // expect: callback-in-async
    if (error) {
      throw error;
    }
    return stdout.trim();
  });
}

async function newToken() {
  crypto.randomBytes(32, (er, buf) => buf.toString("hex")); // expect: callback-in-async
}

async function findUser(id) {
  connection.query("SELECT * FROM users WHERE id = ?", [id], (e, rows) => { // expect: callback-in-async
    if (e) throw e;
    return rows[0];
  });
}

// An unknown client in callback style: the (err, ...) shape says enough.
async function cachedPrice(cache, sku) {
  cache.get(`price:${sku}`, (err, value) => { // expect: callback-in-async
    if (err) throw err;
    return Number(value);
  });
}

module.exports = { readConfig, gitRevision, newToken, findUser, cachedPrice };
