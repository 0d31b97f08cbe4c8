import chainTips from "./chaintips";
import { fetchTips } from "./jobs";

// The instance's method is called through the import, from a loop that
// re-arms itself at its end: it never runs beside itself.
class Blocks {
  async update(): Promise<number> {
    const tips: { hash: string }[] = await fetchTips();
    await chainTips.updateOrphans(tips.map((t) => t.hash));
    return tips.length;
  }
}

const blocks = new Blocks();

class Server {
  constructor() {
    void this.loop();
  }

  async loop(): Promise<void> {
    try {
      await blocks.update();
      setTimeout(this.loop.bind(this), 1000);
    } catch (err) {
      console.error(err);
      setTimeout(this.loop.bind(this), 5000);
    }
  }
}

new Server();
