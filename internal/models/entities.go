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

// EntityDecorators are the decorators with which an ORM's entity classes
// declare their table and its unique keys.
type EntityDecorators struct {
	// Entity marks a class as an entity; its first argument, a string or
	// { name }, names the table.
	Entity string
	// Primary mark the properties of the primary key: together they are
	// one key.
	Primary map[string]bool
	// Column mark columns, unique when given { unique: true }.
	Column map[string]bool
	// Unique lists the properties of a unique key, on the class
	// (["a", "b"], "name", ["a", "b"], or { properties: [...] }), or
	// makes one property unique.
	Unique string
	// Index declares an index, unique when given { unique: true }: on the
	// class with its properties, or on one property.
	Index string
}

// entityDecorators are the entity decorators of each ORM, by module.
var entityDecorators = map[string]EntityDecorators{
	"typeorm": {
		Entity:  "Entity",
		Primary: map[string]bool{"PrimaryColumn": true, "PrimaryGeneratedColumn": true, "ObjectIdColumn": true},
		Column:  map[string]bool{"Column": true},
		Unique:  "Unique",
		Index:   "Index",
	},
	"@mikro-orm/core": {
		Entity:  "Entity",
		Primary: map[string]bool{"PrimaryKey": true},
		Column:  map[string]bool{"Property": true},
		Unique:  "Unique",
		Index:   "Index",
	},
}

// EntityDecoratorsOf returns the entity decorators of an ORM module.
func EntityDecoratorsOf(module string) (EntityDecorators, bool) {
	d, ok := entityDecorators[module]
	return d, ok
}

// repositoryInjectors are the decorators that inject the repository of the
// entity they are given: @InjectRepository(User) (@nestjs/typeorm,
// @mikro-orm/nestjs).
var repositoryInjectors = map[string]bool{"InjectRepository": true}

// IsRepositoryInjector reports whether a decorator's name injects an
// entity's repository.
func IsRepositoryInjector(name string) bool { return repositoryInjectors[name] }

// repositoryTypes are the generic types whose type argument is the entity
// a repository stores: Repository<User>, EntityRepository<User>.
var repositoryTypes = map[string]bool{
	"Repository": true, "MongoRepository": true, "TreeRepository": true, "EntityRepository": true,
}

// IsRepositoryType reports whether a generic type's name is a repository
// of its type argument.
func IsRepositoryType(name string) bool { return repositoryTypes[name] }

// entitySchemaClasses are the classes whose instances describe an entity
// without a class of its own: TypeORM's new EntitySchema({ name, columns,
// uniques, indices }).
var entitySchemaClasses = map[string]map[string]bool{"typeorm": {"EntitySchema": true}}

// IsEntitySchemaClass reports whether a class exported by module describes
// an entity with an options object.
func IsEntitySchemaClass(module, name string) bool { return entitySchemaClasses[module][name] }

// repositoryFactories return the repository of the entity they are given:
// dataSource.getRepository(User), em.getRepository(User).
var repositoryFactories = map[string]bool{
	"getRepository": true, "getMongoRepository": true, "getTreeRepository": true, "getCustomRepository": true,
}

// IsRepositoryFactory reports whether a method returns the repository of
// the entity it is given.
func IsRepositoryFactory(method string) bool { return repositoryFactories[method] }

// documentSchemaClasses are the classes whose instances describe the
// documents of a collection: Mongoose's new Schema({ email: { type:
// String, unique: true } }). A model made from one (model("User",
// schema)) has a unique _id besides.
var documentSchemaClasses = map[string]map[string]bool{"mongoose": {"Schema": true}}

// IsDocumentSchemaClass reports whether a class exported by module
// describes documents with a field definition object.
func IsDocumentSchemaClass(module, name string) bool { return documentSchemaClasses[module][name] }

// ModelFactory is the method that makes a model of a document schema:
// mongoose.model("User", schema), connection.model("users", schema).
const ModelFactory = "model"

// contextFields are fields of a lookup helper's argument object that carry
// the request, the transaction or query options, not the record's
// identity: find({ email, tx }) looks a record up by its email alone.
var contextFields = map[string]bool{
	"req": true, "request": true, "ctx": true, "context": true, "options": true, "opts": true,
	"tx": true, "trx": true, "transaction": true, "session": true, "select": true, "include": true,
	"populate": true, "depth": true, "locale": true, "data": true,
}

// ContextField reports whether a field of a lookup's argument object
// carries the request, the transaction or query options rather than a
// value that identifies the record.
func ContextField(name string) bool { return contextFields[name] }
