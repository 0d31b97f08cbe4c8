export const db = {
  follows: {
    async insert(row: Record<string, unknown>): Promise<void> {
      await fetch("http://db.internal/follows", { method: "POST", body: JSON.stringify(row) });
    },
    async update(row: Record<string, unknown>): Promise<void> {
      await fetch("http://db.internal/follows", { method: "PUT", body: JSON.stringify(row) });
    },
  },
};
