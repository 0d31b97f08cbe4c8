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
	cases := []uniqueCase{
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
	checkUnique(t, s, cases)
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
  ) { this.creds = prisma.apiCredential; }
  private creds: any;
  async h() { return this.creds.findOne({}); }
  async a() { return this.locations.findOne({}); }
  async b() { return this.users.findOne({}); }
  async c() { return this.steps.findOne({}); }
  async d() { return this.cache.get("x"); }
}
export async function e(repo: Repository<Invite>) { return repo.findOne({}); }
export async function g(ds: any) { const members = ds.getRepository(Member); return members.findOne({}); }
const tags = prisma.tag;
export async function k() { return tags.findOne({}); }`,
	})
	f := files["svc.ts"]
	want := map[string]string{"a": "JourneyLocation", "b": "User", "c": "Step", "d": "", "e": "Invite", "g": "Member", "h": "apiCredential", "k": "tag"}
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

func TestDocumentKeys(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"definitions/user.ts": `import mongoose, { Schema } from "mongoose";
export const userSchema = new Schema({
  email: { type: String, required: true, unique: true },
  phone: { type: String, index: { unique: true, sparse: true } },
  name: { type: String },
});
userSchema.index({ orgId: 1, slug: 1 }, { unique: true });
userSchema.index({ createdAt: -1 });`,
		"models/user.ts": `import { userSchema } from "../definitions/user";
export const loadUserClass = (models: any) => {
  class User {}
  userSchema.loadClass(User);
  return userSchema;
};`,
		"connection.ts": `import { loadUserClass } from "./models/user";
export const loadModels = (db: any) => {
  const models: any = {};
  models.Users = db.model("users", loadUserClass(models));
  return models;
};`,
		"tag.js": `const mongoose = require("mongoose");
const tagSchema = new mongoose.Schema({ label: { type: String, unique: true } });
const Tag = mongoose.model("Tag", tagSchema);
const NotASchema = mongoose.model("Other", { label: String });
module.exports = { Tag, NotASchema };`,
	})
	s := files["tag.js"].Project().Schema()
	cases := []uniqueCase{
		{"Users", []string{"email"}, true},
		{"users", []string{"phone"}, true},
		{"Users", []string{"_id"}, true},
		{"Users", []string{"name"}, false},
		{"Users", []string{"orgId", "slug"}, true},
		{"Users", []string{"createdAt"}, false},
		{"Tag", []string{"label"}, true},
		{"Tag", []string{"_id"}, true},
		{"Other", []string{"_id"}, false},
	}
	checkUnique(t, s, cases)
	if !s.Known("Users") || s.Known("Other") {
		t.Error("Known: want Users known and Other not")
	}
}

// uniqueCase is a question to Schema.Unique and its answer.
type uniqueCase struct {
	res    string
	fields []string
	want   bool
}

func checkUnique(t *testing.T, s *Schema, cases []uniqueCase) {
	t.Helper()
	for _, c := range cases {
		if got := s.Unique(c.res, c.fields); got != c.want {
			t.Errorf("Unique(%s, %v) = %v, want %v", c.res, c.fields, got, c.want)
		}
	}
}
