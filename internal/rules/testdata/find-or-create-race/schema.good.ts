import type { QueryInterface } from "sequelize";

// A migration helper: adds the column when the table lacks it.
export async function addArchivedAt(queryInterface: QueryInterface) {
  const columns = await queryInterface.describeTable("projects");
  if (!("archived_at" in columns)) {
    await queryInterface.addColumn("projects", "archived_at", { type: "TIMESTAMP" });
  }
}
