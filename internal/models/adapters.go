package models

import "github.com/racecheck/racecheck/internal/syntax"

// --- adapters over a model name and a where array ---

// adapterOps are the methods of database adapters that take one options
// object naming the model and listing conditions as an array:
// adapter.findOne({ model: "session", where: [{ field: "token", value }] }),
// adapter.update({ model, where, update: { ... } }).
var adapterOps = map[string]Op{
	"findOne": OpRead, "findMany": OpRead, "count": OpRead,
	"create": OpInsert,
	"update": OpUpdate, "updateMany": OpUpdate,
	"delete": OpDelete, "deleteMany": OpDelete,
}

// adapterAccess classifies a call of such an adapter. Only a call whose
// single argument names its model with a string and has a where array is
// one.
func adapterAccess(call syntax.Node, _ Env) (Access, bool) {
	method := Method(call)
	op, ok := adapterOps[method]
	args := Args(call)
	if !ok || len(args) != 1 {
		return Access{}, false
	}
	arg := args[0].Unparen()
	model := ObjectProp(arg, "model")
	where := ObjectProp(arg, "where").Unparen()
	if !isStringLiteral(model) || !where.Is(syntax.KArray) && op != OpInsert {
		return Access{}, false
	}
	a := Access{Kind: StoreORM, Op: op, Resource: stringLiteral(model)}
	for _, c := range arrayElems(where) {
		c = c.Unparen()
		name, ok := stringLitValue(ObjectProp(c, "field"))
		if !ok {
			continue
		}
		fl := Field{Name: name, Value: ObjectProp(c, "value")}
		if o := ObjectProp(c, "operator"); !o.IsNil() {
			if s, ok := stringLitValue(o); !ok || s != "eq" {
				fl.Cond = true
			}
		}
		a.Where = append(a.Where, fl)
	}
	switch op {
	case OpInsert:
		a.Data = objectFields(ObjectProp(arg, "data"))
	case OpUpdate:
		a.Data = objectFields(ObjectProp(arg, "update"))
	}
	return a, true
}
