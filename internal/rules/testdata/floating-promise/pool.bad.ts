type Conn = { open(): Promise<void>; close(): Promise<void> };

export class ConnectionPool {
  #idle: Conn[] = [];
  #size = 0;
  constructor(private readonly factory: () => Conn, private readonly max: number) {}

  // Not async: hands a connection to the task, or grows the pool and queues it.
  acquire(): Promise<Conn> {
    return new Promise((resolve) => {
      const conn = this.#idle.shift();
      if (conn) {
        resolve(conn);
        return;
      }
      if (this.#size < this.max) {
        this.#grow(); // expect: floating-promise
      }
    });
  }

  async #grow() {
    const conn = this.factory();
    this.#size++;
    try {
      await conn.open();
    } catch (err) {
      this.#size--;
      throw err; // looked at, then passed on: the promise still rejects
    }
    this.#idle.push(conn);
  }
}

const removeFile = async (path: string, unlink: (p: string) => Promise<void>) => {
  try {
    await unlink(path);
  } catch (err: any) {
    if (err.code !== "ENOENT") throw err;
  }
};

export async function importUpload(tmp: string, unlink: (p: string) => Promise<void>) {
  removeFile(tmp, unlink); // expect: floating-promise
  return true;
}
