interface Sink {
  record(name: string, value: number): Promise<void>;
}

// Every element is caught where it is made: Promise.all cannot reject.
export class Metrics {
  constructor(private readonly sinks: Sink[]) {}

  record(name: string, value: number): void {
    const sent = this.sinks.map((sink) => {
      return sink.record(name, value).catch((e) => console.error("metric failed", e));
    });
    Promise.all(sent);
  }
}
