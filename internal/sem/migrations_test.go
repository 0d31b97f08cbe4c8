package sem

import "testing"

func TestMigrationKeys(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"reaction.entity.ts": `import { Entity, PrimaryGeneratedColumn, Column } from "typeorm";
@Entity("starboard_reactions")
export class StarboardReaction {
  @PrimaryGeneratedColumn()
  id!: number;
  @Column() guild_id!: string;
  @Column() message_id!: string;
  @Column() reactor_id!: string;
}`,
		"migrations/1-typeorm.ts": `import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from "typeorm";
export class Fix1 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<any> {
    await queryRunner.createIndex("starboard_reactions", new TableIndex({
      isUnique: true,
      columnNames: ["guild_id", "message_id", "reactor_id"],
    }));
    await queryRunner.createIndex("starboard_reactions", new TableIndex({ columnNames: ["reactor_id"] }));
    await queryRunner.createUniqueConstraint("tags", new TableUnique({ columnNames: ["guild_id", "tag"] }));
    await queryRunner.createPrimaryKey("pins", ["guild_id", "channel_id"]);
    await queryRunner.createTable(new Table({
      name: "counter_triggers",
      columns: [
        { name: "id", type: "int", isPrimary: true, isGenerated: true },
        { name: "slug", type: "varchar", isUnique: true },
        { name: "note", type: "varchar" },
      ],
      indices: [{ columnNames: ["counter_id", "name"], isUnique: true }, { columnNames: ["note"] }],
      uniques: [{ columnNames: ["counter_id", "user_id"] }],
    }));
  }
}`,
		"migrations/2-sequelize.js": `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable("Members", {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, unique: true },
      name: { type: Sequelize.STRING },
    });
    await queryInterface.addIndex("Members", ["orgId", "userId"], { unique: true });
    await queryInterface.addIndex("Members", { fields: ["orgId", "slug"], unique: true });
    await queryInterface.addIndex("Members", ["createdAt"]);
    await queryInterface.addConstraint("Invites", { fields: ["orgId", "email"], type: "unique", name: "invites_org_email" });
    await queryInterface.addConstraint("Invites", { fields: ["teamId"], type: "foreign key", references: { table: "Teams", field: "id" } });
  },
};`,
		"migrations/3-knex.js": `exports.up = async (knex) => {
  await knex.schema.createTable("accounts", (table) => {
    table.increments();
    table.string("email").notNullable().unique();
    table.string("name");
    table.unique(["provider", "provider_id"]);
  });
  await knex.schema.alterTable("sessions", (t) => {
    t.primary(["user_id", "device"]);
    t.index(["expires"]);
  });
};`,
		"migrations/4-sql.ts": `export async function up(db) {
  await db.query('CREATE UNIQUE INDEX IF NOT EXISTS "idx_slug" ON "public"."projects" ("org_id", "slug")');
  await db.query("CREATE UNIQUE INDEX idx_lower ON projects (lower(name))");
  await db.query(` + "`" + `ALTER TABLE webhooks ADD CONSTRAINT webhooks_event_uq UNIQUE (provider, event_id)` + "`" + `);
  await db.query(` + "`" + `
    CREATE TABLE IF NOT EXISTS api_keys (
      id SERIAL PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      owner_id INT REFERENCES users(id),
      label TEXT,
      CONSTRAINT api_keys_owner_label UNIQUE (owner_id, label)
    )
  ` + "`" + `);
  await db.query("CREATE INDEX idx_label ON api_keys (label)");
}`,
	})
	s := files["reaction.entity.ts"].Project().Schema()
	checkUnique(t, s, []uniqueCase{
		{"StarboardReaction", []string{"guild_id", "message_id", "reactor_id"}, true},
		{"starboard_reactions", []string{"guild_id", "message_id", "reactor_id"}, true},
		{"StarboardReaction", []string{"reactor_id"}, false},
		{"tags", []string{"guild_id", "tag"}, true},
		{"pins", []string{"guild_id", "channel_id"}, true},
		{"pins", []string{"guild_id"}, false},
		{"counter_triggers", []string{"id"}, true},
		{"counter_triggers", []string{"slug"}, true},
		{"counter_triggers", []string{"note"}, false},
		{"counter_triggers", []string{"counter_id", "name"}, true},
		{"counter_triggers", []string{"counter_id", "user_id"}, true},
		{"Members", []string{"id"}, true},
		{"Members", []string{"email"}, true},
		{"Members", []string{"name"}, false},
		{"Members", []string{"orgId", "userId"}, true},
		{"Members", []string{"orgId", "slug"}, true},
		{"Members", []string{"createdAt"}, false},
		{"Invites", []string{"orgId", "email"}, true},
		{"Invites", []string{"teamId"}, false},
		{"accounts", []string{"id"}, true},
		{"accounts", []string{"email"}, true},
		{"accounts", []string{"name"}, false},
		{"accounts", []string{"provider", "provider_id"}, true},
		{"sessions", []string{"user_id", "device"}, true},
		{"sessions", []string{"expires"}, false},
		{"projects", []string{"org_id", "slug"}, true},
		{"projects", []string{"name"}, false},
		{"webhooks", []string{"provider", "event_id"}, true},
		{"api_keys", []string{"id"}, true},
		{"api_keys", []string{"hash"}, true},
		{"api_keys", []string{"owner_id", "label"}, true},
		{"api_keys", []string{"label"}, false},
		{"api_keys", []string{"owner_id"}, false},
	})
	// A migration's keys do not make its table known: its other keys may
	// be declared where racecheck does not read them.
	if !s.Known("StarboardReaction") || s.Known("tags") || s.Known("Members") {
		t.Error("Known: want the entity known and tables only migrations name not")
	}
}
