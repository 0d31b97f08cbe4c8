// Loaders of code-split modules: each returns the module import() loads once.
exports.loadCharts = () => import("./charts-module.js");
