const axios = require("axios");

// A request through an axios instance made here, dropped: a failure is an
// unhandled rejection.
const api = axios.create({ baseURL: "/api" });

function archive(id) {
  api.delete(`/jobs/${id}`); // expect: floating-promise
}

function archiveQuietly(id) {
  api.delete(`/jobs/${id}`).catch(() => {});
}

module.exports = { archive, archiveQuietly };
