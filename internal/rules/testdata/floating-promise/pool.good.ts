type Conn = { open(): Promise<void> };

export class ConnectionPool {
  #size = 0;
  constructor(private readonly factory: () => Conn) {}

  acquire(reject: (e: unknown) => void) {
    this.#grow().catch(reject);
  }

  async #grow() {
    const conn = this.factory();
    this.#size++;
    await conn.open();
  }
}

type Session = { verbose: boolean };

// Rethrows only in a verbose mode, swallowing the error otherwise: written
// not to reject.
async function report(session: Session, send: () => Promise<void>) {
  try {
    await send();
  } catch (e) {
    if (session.verbose) {
      throw e;
    }
  }
}

export function onEvent(session: Session, send: () => Promise<void>) {
  report(session, send);
}
