package models

// entityBases are the base classes of ORM record classes, by module: a
// class extending one of them is a model whose instances the ORM makes for
// each row a query returns (User.findByPk(id) builds a new User), so an
// instance belongs to the code that loaded it.
var entityBases = map[string]map[string]bool{
	"sequelize":            {"Model": true},
	"sequelize-typescript": {"Model": true},
	"@sequelize/core":      {"Model": true},
	"typeorm":              {"BaseEntity": true},
	"objection":            {"Model": true},
	"@mikro-orm/core":      {"BaseEntity": true},
	"bookshelf":            {"Model": true},
}

// IsEntityBase reports whether name, exported by module, is the base class
// of an ORM's record classes.
func IsEntityBase(module, name string) bool { return entityBases[module][name] }
