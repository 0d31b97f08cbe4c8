type Socket = { send(body: string): Promise<void>; close(err: unknown): void };

// The same fan-out, but a caller awaits the function and goes on as if
// every message had been sent.
export class Notifier {
  async notify(sockets: Socket[], body: string): Promise<void> {
    sockets.forEach(async (socket) => { // expect: async-iteration-callback
      try {
        await socket.send(body);
      } catch (err) {
        socket.close(err);
      }
    });
  }

  async shutdown(sockets: Socket[]): Promise<void> {
    await this.notify(sockets, "bye");
    sockets.length = 0;
  }
}
