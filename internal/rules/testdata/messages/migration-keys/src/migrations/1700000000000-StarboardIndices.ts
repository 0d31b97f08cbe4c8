import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";

export class StarboardIndices1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      "starboard_reactions",
      new TableIndex({ isUnique: true, columnNames: ["message_id", "reactor_id"] }),
    );
    await queryRunner.createIndex("starboard_reactions", new TableIndex({ columnNames: ["emoji"] }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("starboard_reactions", "IDX_reactions");
  }
}
