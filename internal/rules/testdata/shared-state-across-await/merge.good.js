// The write merges into the value the state has after the await, so an
// update made during the await is kept.
class Server {
  constructor(config) {
    this.config = config;
  }

  async start(controllers) {
    const push = await controllers.getPushController(this.config);
    this.config = { ...this.config, ...push };
    return this;
  }
}

module.exports = { Server };
