// A connect whose failure retries the connect: the cycle adds no
// rejection of its own, and everything else on it is caught, so the
// promises the loop drops cannot reject.
export class Peers {
  private attempts = 0;

  constructor(private readonly dial: (id: string) => Promise<void>, private readonly onError: (m: string) => void) {}

  connectAll(ids: string[]): void {
    ids.forEach((id) => {
      this.connect(id);
    });
  }

  private async connect(id: string): Promise<void> {
    try {
      await this.dial(id);
    } catch (e) {
      const retry = async () => {
        if (this.attempts < 5) {
          this.attempts++;
          await new Promise((resolve) => setTimeout(resolve, 250));
          await this.connect(id);
        } else {
          this.onError("gave up");
        }
      };
      await retry();
    }
  }
}
