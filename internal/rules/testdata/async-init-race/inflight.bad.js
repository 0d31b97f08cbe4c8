// A caller that arrives while a reload is running is told at once that it
// is done, and goes on with the old table.
class RouteTable {
  constructor(source) {
    this.source = source;
    this.reloading = false;
    this.routes = new Map();
  }

  reload(done) {
    if (this.reloading) {
      if (done) process.nextTick(done); // expect: async-init-race
      return;
    }
    this.reloading = true;
    this.source.fetchRoutes((err, routes) => {
      this.reloading = false;
      if (!err) this.routes = new Map(routes);
      if (done) done(err);
    });
  }
}

module.exports = { RouteTable };
