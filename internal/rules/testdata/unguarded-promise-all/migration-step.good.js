// A data step in a module of its own, which a migration runs: its exported
// up() runs once, as the migration's own does.

const db = require("./models");

exports.up = () =>
  db.Chart.findAll({ attributes: ["id", "public"] }).then((charts) =>
    Promise.all(charts.filter((c) => c.public).map((c) => db.Chart.increment("reports", { where: { id: c.id } })))
  );
