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
};
