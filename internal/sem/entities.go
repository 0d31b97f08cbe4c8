package sem

import (
	"fmt"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// entityWords are what a file that declares an entity class mentions;
// entitySchemaWords what one that declares an entity schema does.
var (
	entityWords       = Needles("@Entity", ".Entity(")
	entitySchemaWords = Needles("EntitySchema")
)

// entityKey is a unique key an entity class declares, under the names of
// its model (the class) and table.
type entityKey struct {
	names []string
	key   []string
	// keyOnly is set for a key read from a migration: it does not make
	// the table known (Schema.Known), since the other keys of a table
	// that migrations alone declare may be written where racecheck does
	// not read them.
	keyOnly bool
}

// SchemaFor is Schema for the analysis of f: it records that f's
// conclusions used the unique keys the project's entity classes declare.
func (p *Project) SchemaFor(f *File) *Schema {
	if p == nil {
		return nil
	}
	if f != nil {
		p.noteFact(f.Abs, entitiesFact)
	}
	return p.Schema()
}

// findEntityKeys reads the unique keys the project's code declares: the
// classes an ORM's entity decorator marks (models.EntityDecoratorsOf:
// TypeORM's and MikroORM's @Entity), with the primary-key properties
// together, each column given { unique: true }, and the property lists of
// unique constraints and unique indexes; TypeORM's entity schemas
// (entitySchemaKeys); Mongoose's models (findDocumentKeys); and the keys
// its migrations add to tables (findMigrationKeys), under the names of
// the entity mapped to that table too.
func (p *Project) findEntityKeys() {
	for _, f := range p.Files {
		if !f.SourceHas(entityWords...) {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			p.entityKeys = append(p.entityKeys, f.classEntityKeys(n)...)
			return true
		}, syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass)
	}
	for _, f := range p.Files {
		if !f.SourceHas(entitySchemaWords...) {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			p.entityKeys = append(p.entityKeys, f.entitySchemaKeys(n)...)
			return true
		}, syntax.KNewExpression)
	}
	p.findDocumentKeys()
	p.entityKeys = append(p.entityKeys, p.entityMigrationKeys()...)
	sort.SliceStable(p.entityKeys, func(i, j int) bool {
		return strings.Join(p.entityKeys[i].names, ",") < strings.Join(p.entityKeys[j].names, ",")
	})
}

// entityMigrationKeys returns the keys migrations declare, each under
// its table and under the names of the entities mapped to that table.
func (p *Project) entityMigrationKeys() []entityKey {
	mapped := map[string][]string{}
	for _, k := range p.entityKeys {
		for _, n := range k.names {
			low := strings.ToLower(n)
			if len(mapped[low]) == 0 {
				mapped[low] = k.names
			}
		}
	}
	keys := p.findMigrationKeys()
	for i := range keys {
		keys[i].keyOnly = true
		if names := mapped[strings.ToLower(keys[i].names[0])]; len(names) > 0 {
			keys[i].names = names
		}
	}
	return keys
}

// classEntityKeys returns the keys an entity class declares, or nil for
// another class.
func (f *File) classEntityKeys(class syntax.Node) []entityKey {
	var orm models.EntityDecorators
	var names []string
	decs := classDecorators(class)
	for _, d := range decs {
		module, name := f.decoratorOrigin(d)
		if eds, ok := models.EntityDecoratorsOf(module); ok && name == eds.Entity {
			orm = eds
			names = append(names, class.Child(syntax.FName).Text())
			if t := entityTable(d); t != "" {
				names = append(names, t)
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	var keys [][]string
	for _, d := range decs {
		_, name := f.decoratorOrigin(d)
		if name == orm.Unique || name == orm.Index && uniqueOption(d) {
			if fs := decoratorProperties(d); len(fs) > 0 {
				keys = append(keys, fs)
			}
		}
	}
	var primary []string
	body := class.Child(syntax.FBody)
	for c := body.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if !c.Is(syntax.KPublicFieldDefinition) {
			continue
		}
		prop := c.ChildOfKind(syntax.KPropertyIdentifier).Text()
		if prop == "" {
			continue
		}
		for d := c.FirstChild(); !d.IsNil(); d = d.NextSibling() {
			if !d.Is(syntax.KDecorator) {
				continue
			}
			_, name := f.decoratorOrigin(d)
			switch {
			case orm.Primary[name]:
				primary = append(primary, prop)
			case orm.Column[name] && uniqueOption(d), name == orm.Unique, name == orm.Index && uniqueOption(d):
				keys = append(keys, []string{prop})
			}
		}
	}
	if len(primary) > 0 {
		keys = append(keys, primary)
	}
	out := []entityKey{{names: names}} // the model is known even with no key
	for _, k := range keys {
		out = append(out, entityKey{names: names, key: k})
	}
	return out
}

// entitySchemaKeys returns the keys a TypeORM entity schema declares
// (new EntitySchema({ name, tableName, columns, uniques, indices })):
// the columns marked primary together, each column marked unique, each
// entry of uniques, and each index marked unique; nil for another
// expression.
func (f *File) entitySchemaKeys(n syntax.Node) []entityKey {
	ctor := n.Child(syntax.FConstructor).Unparen()
	if !ctor.Is(syntax.KIdentifier) {
		return nil
	}
	b := f.Resolve(ctor)
	if b == nil || b.Import == nil || !models.IsEntitySchemaClass(b.Import.Spec, b.Import.Name) {
		return nil
	}
	args := models.Args(n)
	if len(args) == 0 || !args[0].Unparen().Is(syntax.KObject) {
		return nil
	}
	opts := args[0].Unparen()
	var names []string
	for _, m := range []string{"name", "tableName"} {
		if s, ok := StringValue(objectMember(opts, m)); ok {
			names = append(names, s)
		}
	}
	if len(names) == 0 {
		return nil
	}
	if d := n.Parent(); d.Is(syntax.KVariableDeclarator) && d.Child(syntax.FName).Is(syntax.KIdentifier) {
		names = append(names, d.Child(syntax.FName).Text()) // getRepository(UserEntity)
	}
	var keys [][]string
	var primary []string
	for _, c := range models.ObjectFields(objectMember(opts, "columns")) {
		switch {
		case objectMember(c.Value.Unparen(), "primary").Is(syntax.KTrue):
			primary = append(primary, c.Name)
		case objectMember(c.Value.Unparen(), "unique").Is(syntax.KTrue):
			keys = append(keys, []string{c.Name})
		}
	}
	if len(primary) > 0 {
		keys = append(keys, primary)
	}
	for _, list := range []string{"uniques", "indices"} {
		arr := objectMember(opts, list).Unparen()
		if !arr.Is(syntax.KArray) {
			continue
		}
		for _, el := range arr.NamedChildren() {
			el = el.Unparen()
			if !el.Is(syntax.KObject) || list == "indices" && !objectMember(el, "unique").Is(syntax.KTrue) {
				continue
			}
			var cols []string
			if a := objectMember(el, "columns").Unparen(); a.Is(syntax.KArray) {
				for _, c := range a.NamedChildren() {
					if s, ok := StringValue(c); ok {
						cols = append(cols, s)
					}
				}
			}
			if len(cols) > 0 {
				keys = append(keys, cols)
			}
		}
	}
	out := []entityKey{{names: names}}
	for _, k := range keys {
		out = append(out, entityKey{names: names, key: k})
	}
	return out
}

// classDecorators returns the decorators of a class: its own children, or
// those of the export statement around it.
func classDecorators(class syntax.Node) []syntax.Node {
	var out []syntax.Node
	for m := class; !m.IsNil(); m = m.Parent() {
		for c := m.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KDecorator) {
				out = append(out, c)
			}
		}
		if !m.Parent().Is(syntax.KExportStatement) {
			break
		}
	}
	return out
}

// decoratorOrigin returns the module a decorator is imported from and the
// name it has there: ("typeorm", "Entity") for @Entity() after import {
// Entity } from "typeorm", also when imported under another name.
func (f *File) decoratorOrigin(d syntax.Node) (module, name string) {
	e := d.NamedChild(0)
	if e.Is(syntax.KCallExpression) {
		e = e.Child(syntax.FFunction)
	}
	e = e.Unparen()
	if e.Is(syntax.KMemberExpression) {
		// @typeorm.Entity() after import * as typeorm from "typeorm".
		o := e.Child(syntax.FObject).Unparen()
		if b := f.Resolve(o); b != nil && b.Import != nil && b.Import.Name == "*" {
			return b.Import.Spec, e.Child(syntax.FProperty).Text()
		}
		return "", e.Child(syntax.FProperty).Text()
	}
	if !e.Is(syntax.KIdentifier) {
		return "", ""
	}
	if b := f.Resolve(e); b != nil && b.Import != nil {
		return b.Import.Spec, b.Import.Name
	}
	return "", e.Text()
}

// entityTable returns the table an entity decorator names:
// @Entity("users") or @Entity({ name: "users" }).
func entityTable(d syntax.Node) string {
	call := d.NamedChild(0)
	if !call.Is(syntax.KCallExpression) {
		return ""
	}
	args := models.Args(call)
	if len(args) == 0 {
		return ""
	}
	a := args[0].Unparen()
	if a.Is(syntax.KObject) {
		a = objectMember(a, "name")
	}
	s, _ := StringValue(a)
	return s
}

// uniqueOption reports a decorator given { unique: true }.
func uniqueOption(d syntax.Node) bool {
	call := d.NamedChild(0)
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	for _, a := range models.Args(call) {
		if a = a.Unparen(); a.Is(syntax.KObject) && objectMember(a, "unique").Is(syntax.KTrue) {
			return true
		}
	}
	return false
}

// decoratorProperties returns the properties a class-level constraint or
// index lists: the first array of strings among its arguments
// (["a", "b"], or "name", ["a", "b"]), or the array of an object's
// properties member ({ properties: ["a", "b"] }).
func decoratorProperties(d syntax.Node) []string {
	call := d.NamedChild(0)
	if !call.Is(syntax.KCallExpression) {
		return nil
	}
	for _, a := range models.Args(call) {
		a = a.Unparen()
		if a.Is(syntax.KObject) {
			a = objectMember(a, "properties").Unparen()
		}
		if out := stringArray(a); len(out) > 0 {
			return out // a key with an element that is not a name is not read
		}
	}
	return nil
}

// RepositoryEntity returns the entity class whose repository a call is
// made on: the receiver is a field or constructor parameter injected with
// @InjectRepository(User), or declared Repository<User>
// (this.userRepository.findOne(...)); "" otherwise.
func (f *File) RepositoryEntity(call syntax.Node) string {
	return f.repositoryEntity(models.Receiver(call))
}

// repositoryEntity is RepositoryEntity for a receiver.
func (f *File) repositoryEntity(recv syntax.Node) string {
	recv = recv.Unparen()
	if recv.Tree() != f.Tree {
		return "" // a call in another file (a helper's body)
	}
	switch {
	case recv.Is(syntax.KMemberExpression) && recv.Child(syntax.FObject).Unparen().Is(syntax.KThis):
		// A field, or a constructor parameter (private readonly repo: ...).
		ent := ""
		FieldHolds(recv.Ancestor(syntax.KClassBody), recv.Child(syntax.FProperty).Text(), func(t syntax.Node) bool {
			ent = declaredEntity(t.Parent())
			return ent != ""
		}, func(v syntax.Node) bool {
			ent = delegateName(v)
			return ent != ""
		})
		return ent
	case recv.Is(syntax.KIdentifier):
		b := f.Resolve(recv)
		switch {
		case b == nil:
		case b.Kind == BParam:
			return declaredEntity(b.Decl.Parent())
		case b.Kind == BConst && delegateName(b.Value()) != "":
			// const users = prisma.user
			return delegateName(b.Value())
		case b.Kind == BConst:
			// const users = dataSource.getRepository(User)
			if v := b.Value().Unparen(); v.Is(syntax.KCallExpression) && models.IsRepositoryFactory(models.Method(v)) {
				if args := models.Args(v); len(args) > 0 {
					if a := args[0].Unparen(); a.Is(syntax.KIdentifier) {
						return a.Text()
					}
					if s, ok := StringValue(args[0]); ok {
						return s
					}
				}
			}
		}
	}
	return ""
}

// delegateName returns the property a value picks from an object
// (this.prisma.openaiCreds, db.users): a field or constant that holds it
// is an ORM's delegate for the model of that name when the project's
// schema knows one, which the caller asks. It returns "" for any other
// value.
func delegateName(v syntax.Node) string {
	v = v.Unparen()
	if !v.Is(syntax.KMemberExpression) {
		return ""
	}
	return v.Child(syntax.FProperty).Text()
}

// declaredEntity returns the entity whose repository a field or parameter
// declaration holds: injected with @InjectRepository(User), or typed
// Repository<User>; "" otherwise.
func declaredEntity(decl syntax.Node) string {
	for c := decl.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if !c.Is(syntax.KDecorator) || !models.IsRepositoryInjector(decoratorName(c)) {
			continue
		}
		if call := c.NamedChild(0); call.Is(syntax.KCallExpression) {
			if args := models.Args(call); len(args) > 0 && args[0].Unparen().Is(syntax.KIdentifier) {
				return args[0].Unparen().Text()
			}
		}
	}
	g := decl.ChildOfKind(syntax.KTypeAnnotation).NamedChild(0)
	if g.Is(syntax.KGenericType) && models.IsRepositoryType(g.NamedChild(0).Text()) {
		return g.ChildOfKind(syntax.KTypeArguments).NamedChild(0).Text()
	}
	return ""
}

// entitiesValue renders the entity keys, for the value of entitiesFact.
func (p *Project) entitiesValue() string {
	p.Schema()
	var b strings.Builder
	for _, k := range p.entityKeys {
		fmt.Fprintf(&b, "%s=%s %t\n", strings.Join(k.names, ","), strings.Join(k.key, ","), k.keyOnly)
	}
	return b.String()
}

// documentWords are what a file that makes a model of a document schema
// mentions.
var documentWords = Needles("model(", "model<")

// findDocumentKeys reads the Mongoose models of the project: each call
// of a model factory (models.ModelFactory: mongoose.model("User",
// userSchema), db.model("users", loadUserClass(models))) whose schema
// argument is, through variables, imports and the functions that return
// it, a document schema (models.IsDocumentSchemaClass). The model is known
// under the name it is given and the variable or property it is assigned
// to; its keys are _id, each field defined with unique: true (or index:
// { unique: true }), and each index the schema is given with { unique:
// true } (userSchema.index({ org: 1, email: 1 }, { unique: true })).
func (p *Project) findDocumentKeys() {
	for _, f := range p.Files {
		if !f.SourceHas(documentWords...) {
			continue
		}
		f.EachCall(func(call syntax.Node) bool {
			if models.Method(call) != models.ModelFactory {
				return true
			}
			args := models.Args(call)
			if len(args) < 2 {
				return true
			}
			name, ok := StringValue(args[0])
			if !ok {
				return true
			}
			sf, schema := p.documentSchema(f, args[1], 0)
			if sf == nil {
				return true
			}
			names := []string{name}
			if t := assignedName(call); t != "" {
				names = append(names, t)
			}
			p.entityKeys = append(p.entityKeys, entityKey{names: names}, entityKey{names: names, key: []string{"_id"}})
			for _, k := range sf.documentKeys(schema) {
				p.entityKeys = append(p.entityKeys, entityKey{names: names, key: k})
			}
			return true
		})
	}
}

// documentSchema returns the new Schema(...) expression e evaluates to:
// directly, through a variable or an import, or as what a project function
// it calls returns.
func (p *Project) documentSchema(f *File, e syntax.Node, depth int) (*File, syntax.Node) {
	e = e.Unparen()
	if depth > 4 || e.IsNil() {
		return nil, syntax.Node{}
	}
	switch {
	case e.Is(syntax.KNewExpression):
		if f.documentSchemaClass(e.Child(syntax.FConstructor).Unparen()) {
			return f, e
		}
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		if b == nil {
			return nil, syntax.Node{}
		}
		if vf, v := f.bindingValue(b); vf != nil {
			return p.documentSchema(vf, v, depth+1)
		}
	case e.Is(syntax.KCallExpression):
		tf, fn := p.ResolveCall(f, e)
		if fn == nil {
			return nil, syntax.Node{}
		}
		for _, r := range fn.Returns {
			if sf, s := p.documentSchema(tf, r, depth+1); sf != nil {
				return sf, s
			}
		}
	}
	return nil, syntax.Node{}
}

// documentSchemaClass reports a constructor that is a document schema
// class: Schema imported from mongoose, or mongoose.Schema.
func (f *File) documentSchemaClass(c syntax.Node) bool {
	if c.Is(syntax.KMemberExpression) {
		o := c.Child(syntax.FObject).Unparen()
		b := f.Resolve(o)
		return b != nil && b.Import != nil && models.IsDocumentSchemaClass(b.Import.Spec, c.Child(syntax.FProperty).Text())
	}
	if !c.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(c)
	return b != nil && b.Import != nil && models.IsDocumentSchemaClass(b.Import.Spec, b.Import.Name)
}

// documentKeys returns the unique keys a document schema declares: its
// fields defined with unique: true or index: { unique: true }, and the
// unique indexes its variable is given (schema.index({ a: 1, b: 1 }, {
// unique: true })).
func (f *File) documentKeys(schema syntax.Node) [][]string {
	var keys [][]string
	if args := models.Args(schema); len(args) > 0 {
		for _, fl := range models.ObjectFields(args[0]) {
			def := fl.Value.Unparen()
			if !def.Is(syntax.KObject) || fl.Name == "" {
				continue
			}
			idx := objectMember(def, "index").Unparen()
			if objectMember(def, "unique").Is(syntax.KTrue) || idx.Is(syntax.KObject) && objectMember(idx, "unique").Is(syntax.KTrue) {
				keys = append(keys, []string{fl.Name})
			}
		}
	}
	d := schema.Parent()
	if !d.Is(syntax.KVariableDeclarator) {
		return keys
	}
	b := f.Resolve(d.Child(syntax.FName))
	if b == nil {
		return keys
	}
	f.EachCall(func(call syntax.Node) bool {
		recv := models.Receiver(call).Unparen()
		if models.Method(call) != "index" || !recv.Is(syntax.KIdentifier) || f.Resolve(recv) != b {
			return true
		}
		args := models.Args(call)
		if len(args) < 2 || !objectMember(args[1].Unparen(), "unique").Is(syntax.KTrue) {
			return true
		}
		var key []string
		for _, fl := range models.ObjectFields(args[0]) {
			if fl.Name != "" {
				key = append(key, fl.Name)
			}
		}
		if len(key) > 0 {
			keys = append(keys, key)
		}
		return true
	})
	return keys
}

// assignedName returns the variable or property a value is assigned to:
// User for const User = model(...), VendorUser for models.VendorUser =
// db.model(...); "" otherwise.
func assignedName(e syntax.Node) string {
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression) {
		p = p.Parent()
	}
	switch {
	case p.Is(syntax.KVariableDeclarator) && p.Child(syntax.FName).Is(syntax.KIdentifier):
		return p.Child(syntax.FName).Text()
	case p.Is(syntax.KAssignmentExpression):
		l := p.Child(syntax.FLeft).Unparen()
		if l.Is(syntax.KMemberExpression) {
			return l.Child(syntax.FProperty).Text()
		}
		if l.Is(syntax.KIdentifier) {
			return l.Text()
		}
	}
	return ""
}
