import { submit, tokenize } from "./jobs";

// The lock is taken before the await; the change after it is one more
// reference for the request still running, given back when it ends.
export class Checkout {
  private locked = 0;

  async pay(card: string): Promise<void> {
    if (this.locked > 0) {
      return;
    }
    this.locked++;
    try {
      const token = await tokenize(card);
      this.locked++;
      submit(token).finally(() => this.locked--);
    } finally {
      this.locked--;
    }
  }
}
