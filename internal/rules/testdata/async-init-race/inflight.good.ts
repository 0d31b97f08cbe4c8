type Done = (err?: Error) => void;

interface Source {
  fetchRoutes(cb: (err: Error | null, routes: [string, string][]) => void): void;
}

// Every caller's callback waits for the reload in flight.
export class RouteTable {
  private reloading = false;
  private waiting: Done[] = [];
  private routes = new Map<string, string>();

  constructor(private readonly source: Source) {}

  reload(done?: Done): void {
    if (done) {
      this.waiting.push(done);
    }
    if (this.reloading) {
      return;
    }
    this.reloading = true;
    this.source.fetchRoutes((err, routes) => {
      this.reloading = false;
      if (!err) this.routes = new Map(routes);
      const waiting = this.waiting;
      this.waiting = [];
      for (const cb of waiting) cb(err ?? undefined);
    });
  }

  // A callback told "busy" with an error is not told that the work is done.
  tryReload(done: Done): void {
    if (this.reloading) {
      return;
    }
    this.reloading = true;
    this.source.fetchRoutes((err) => {
      this.reloading = false;
      done(err ?? undefined);
    });
  }
}

export class Busy {
  private running = false;

  // The caller is told the truth: the work is busy.
  run(done: Done): void {
    if (this.running) {
      process.nextTick(done, new Error("busy"));
      return;
    }
    this.running = true;
    setTimeout(() => {
      this.running = false;
      done();
    }, 10);
  }
}
