package sem

import (
	"reflect"
	"testing"
)

const prismaSchema = `
datasource db {
  provider = "postgresql" // @unique in a comment does not count
}

model User {
  id        String   @id @default(cuid())
  email     String   @unique
  handle    String   @unique(map: "user_handle_key")
  name      String?  // @unique
  teamId    String
  @@map("users")
}

model Membership {
  userId String
  teamId String
  role   String
  @@id([userId, teamId])
}

model Tag {
  id     Int    @id @default(autoincrement())
  name   String
  teamId String
  @@unique([teamId, name(sort: Desc)], name: "team_tag")
  @@index([name])
}

model Event {
  id   Int    @default(0)
  kind String
}
`

func TestSchemaPrisma(t *testing.T) {
	s := &Schema{}
	s.AddPrisma(prismaSchema)
	for _, tc := range []struct {
		resource string
		fields   []string
		want     bool
	}{
		{"user", []string{"email"}, true},
		{"users", []string{"email"}, true}, // the @@map table name
		{"User", []string{"handle"}, true},
		{"user", []string{"id"}, true},
		{"user", []string{"name"}, false},
		{"user", []string{"teamId"}, false},
		{"user", []string{"email", "teamId"}, true}, // a superset of a key
		{"membership", []string{"userId"}, false},
		{"membership", []string{"teamId", "userId"}, true},
		{"tag", []string{"name"}, false},
		{"tag", []string{"teamId", "name"}, true},
		{"event", []string{"id"}, false},
		{"order", []string{"id"}, false},
	} {
		if got := s.Unique(tc.resource, tc.fields); got != tc.want {
			t.Errorf("Unique(%q, %v) = %v, want %v", tc.resource, tc.fields, got, tc.want)
		}
	}
	if !s.Known("event") || s.Known("order") {
		t.Errorf("Known: event %v, order %v", s.Known("event"), s.Known("order"))
	}
	if got, want := s.Models(), []string{"membership", "tag", "user", "users"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Models() = %v, want %v", got, want)
	}
}

func TestSchemaNil(t *testing.T) {
	var s *Schema
	if s.Unique("user", []string{"id"}) || s.Known("user") || s.Models() != nil {
		t.Error("a nil schema knows nothing")
	}
}

func FuzzAddPrisma(f *testing.F) {
	f.Add(prismaSchema)
	f.Add("model A {\n@@unique([\n}")
	f.Add("model {")
	f.Add("model X { id Int @id }")
	f.Fuzz(func(t *testing.T, src string) {
		s := &Schema{}
		s.AddPrisma(src)
		for _, m := range s.Models() {
			s.Unique(m, []string{"id"})
		}
	})
}
