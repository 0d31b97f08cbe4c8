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
