// A TypeORM migration class: the runner calls up() and down() once.
import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArchived1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await Promise.all([
      queryRunner.addColumn("project", { name: "archived" } as never),
      queryRunner.addColumn("project", { name: "archivedAt" } as never),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await Promise.all([queryRunner.dropColumn("project", "archived"), queryRunner.dropColumn("project", "archivedAt")]);
  }
}
