// The same model as an ES module.
import { db } from "./db";

export const Runs = {
  async kill(id: number) {
    try {
      await db.runs.updateMany({ where: { id }, data: { status: "killed" } });
    } catch (error) {
      console.error("could not mark the run killed", error);
      return null;
    }
  },
  start: async (id: number) => {
    await db.runs.update({ where: { id }, data: { status: "running" } });
  },
  // this is the object: start() can reject, and so can restart().
  async restart(id: number) {
    await this.kill(id);
    await this.start(id);
  },
};
