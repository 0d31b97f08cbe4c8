// The same with an enum-like object of states, in JavaScript.
const { createLogger } = require("./lifecycle-logger.ts");

const State = Object.freeze({ Idle: 0, Starting: 1, Ready: 2 });

class Worker {
  constructor() {
    this.state = State.Idle;
    this.log = undefined;
  }

  async start() {
    if (this.state === State.Idle) {
      this.state = State.Starting;
      this.log = this.log || (await createLogger());
      this.state = State.Ready;
    }
  }
}

module.exports = { Worker };
