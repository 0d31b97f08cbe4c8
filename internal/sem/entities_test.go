package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

func TestEntityKeys(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"location.entity.ts": `import { Entity, PrimaryColumn, Column, Index, Unique as U } from "typeorm";
@Entity("journey_location")
@U(["workspace", "slug"])
@Index(["step", "customer"], { unique: true })
@Index(["createdAt"])
export class JourneyLocation {
  @PrimaryColumn({ name: "journeyId" })
  journey!: string;
  @PrimaryColumn()
  customer!: string;
  @Column({ unique: true })
  token!: string;
  @Column()
  note!: string;
}
export class NotAnEntity {
  @PrimaryColumn()
  id!: string;
}`,
		"user.entity.ts": `import * as orm from "@mikro-orm/core";
@orm.Entity({ name: "app_user" })
export class User {
  @orm.PrimaryKey()
  id!: number;
  @orm.Property({ unique: true })
  email!: string;
}`,
		"member.js": `const { EntitySchema } = require("typeorm");
const MemberEntity = new EntitySchema({
  name: "Member",
  tableName: "members",
  columns: { id: { primary: true, generated: true }, email: { type: String, unique: true }, name: { type: String } },
  uniques: [{ columns: ["orgId", "userId"] }],
  indices: [{ columns: ["name"] }, { columns: ["orgId", "slug"], unique: true }],
});
module.exports = { MemberEntity };`,
	})
	s := files["member.js"].Project().Schema()
	cases := []struct {
		res    string
		fields []string
		want   bool
	}{
		{"JourneyLocation", []string{"journey", "customer"}, true},
		{"journey_location", []string{"customer", "journey", "note"}, true},
		{"JourneyLocation", []string{"journey"}, false},
		{"JourneyLocation", []string{"token"}, true},
		{"JourneyLocation", []string{"note"}, false},
		{"JourneyLocation", []string{"workspace", "slug"}, true},
		{"JourneyLocation", []string{"step", "customer"}, true},
		{"JourneyLocation", []string{"createdAt"}, false},
		{"NotAnEntity", []string{"id"}, false},
		{"User", []string{"email"}, true},
		{"app_user", []string{"id"}, true},
		{"Member", []string{"email"}, true},
		{"MemberEntity", []string{"orgId", "userId"}, true},
		{"members", []string{"orgId", "slug"}, true},
		{"Member", []string{"name"}, false},
	}
	for _, c := range cases {
		if got := s.Unique(c.res, c.fields); got != c.want {
			t.Errorf("Unique(%s, %v) = %v, want %v", c.res, c.fields, got, c.want)
		}
	}
	if !s.Known("JourneyLocation") || s.Known("NotAnEntity") {
		t.Error("Known: want JourneyLocation known and NotAnEntity not")
	}
}

func TestRepositoryEntity(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"svc.ts": `import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
export class Svc {
  @InjectRepository(Step) private steps: Repository<Step>;
  private cache: Map<string, number>;
  constructor(
    @InjectRepository(JourneyLocation) private readonly locations: Repository<JourneyLocation>,
    private readonly users: Repository<User>,
  ) {}
  async a() { return this.locations.findOne({}); }
  async b() { return this.users.findOne({}); }
  async c() { return this.steps.findOne({}); }
  async d() { return this.cache.get("x"); }
}
export async function e(repo: Repository<Invite>) { return repo.findOne({}); }
export async function g(ds: any) { const members = ds.getRepository(Member); return members.findOne({}); }`,
	})
	f := files["svc.ts"]
	want := map[string]string{"a": "JourneyLocation", "b": "User", "c": "Step", "d": "", "e": "Invite", "g": "Member"}
	got := map[string]string{}
	f.EachCall(func(n syntax.Node) bool {
		if m := models.Method(n); m == "findOne" || m == "get" {
			got[f.FuncAt(n).Name] = f.RepositoryEntity(n)
		}
		return true
	})
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: RepositoryEntity = %q, want %q", k, got[k], w)
		}
	}
}
