// Shared by latency.bad.ts: the project's HTTP client, an instance of axios.
const axios = require("axios");

const client = axios.create({ baseURL: "https://api.example.com" });

module.exports = { client };
