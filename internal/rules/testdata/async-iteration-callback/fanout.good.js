// A fan-out from an event handler: each callback handles its own errors and
// nothing runs after the forEach, so neither the lost errors nor the code
// after it apply.
export class LiveQuery {
  constructor(clients) {
    this.clients = clients;
  }

  onDelete(message) {
    this.clients.forEach(async (client) => {
      try {
        const allowed = await client.canSee(message.object);
        if (allowed) client.push("delete", message.object);
      } catch (err) {
        client.pushError(err);
      }
    });
  }
}

// An async handler whose callers all drop its promise: nobody waits for
// it, and the fan-out inside a loop is the last thing it does.
export class Broadcaster {
  constructor(subscriber, rooms) {
    this.rooms = rooms;
    subscriber.on("message", (m) => {
      this.onMessage(m).catch((err) => console.error(err));
    });
  }

  async onMessage(message) {
    const room = await this.rooms.get(message.room);
    for (const member of room.members) {
      member.sockets.forEach(async (socket) => {
        try {
          await socket.send(message.body);
        } catch (err) {
          socket.close(err);
        }
      });
    }
  }
}
