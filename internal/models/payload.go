package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Payload CMS's Local API takes one options object naming the collection:
//
//	payload.find({ collection: "users", where: { email: { equals: email } } })
//	payload.create({ collection: "users", data: { email } })
//	payload.update({ collection: "users", id, data })
//	payload.db.findOne({ collection: "users", where })   // the database adapter
//	payload.findGlobal({ slug: "settings" })

var payloadOps = map[string]Op{
	"find": OpRead, "findByID": OpRead, "findOne": OpRead, "count": OpRead, "findGlobal": OpRead,
	"findVersions": OpRead, "findVersionByID": OpRead, "findDistinct": OpRead,
	"create": OpInsert, "createGlobal": OpInsert,
	"update": OpUpdate, "updateByID": OpUpdate, "updateOne": OpUpdate, "updateMany": OpUpdate, "updateGlobal": OpUpdate,
	"upsert": OpUpsert,
	"delete": OpDelete, "deleteByID": OpDelete, "deleteOne": OpDelete, "deleteMany": OpDelete,
}

// payloadAccess classifies a Local API or database adapter call: a
// receiver named payload (payload, req.payload, this.payload, payload.db),
// one object argument with a collection (or a global's slug).
func payloadAccess(call syntax.Node, _ Env) (Access, bool) {
	chain, method := Callee(call)
	op, ok := payloadOps[method]
	if !ok || len(chain) == 0 {
		return Access{}, false
	}
	last := chain[len(chain)-1]
	if last == "db" && len(chain) > 1 {
		last = chain[len(chain)-2]
	}
	if last != "payload" {
		return Access{}, false
	}
	args := Args(call)
	if len(args) != 1 {
		return Access{}, false
	}
	o := args[0].Unparen()
	res := ObjectProp(o, "collection")
	if res.IsNil() {
		res = ObjectProp(o, "slug")
	}
	if !o.Is(syntax.KObject) || res.IsNil() {
		return Access{}, false
	}
	a := Access{Kind: StoreORM, Op: op, Resource: stringLiteral(res)}
	if a.Resource == "" {
		a.Resource = res.Text()
		a.Keys = []syntax.Node{res}
	}
	if strings.HasSuffix(method, "Global") {
		// A global is one document: its slug is its identity.
		a.Where = append(a.Where, Field{Name: "slug", Value: res})
		if op == OpInsert {
			a.Data = append(a.Data, Field{Name: "slug", Value: res})
		}
	}
	if id := ObjectProp(o, "id"); !id.IsNil() {
		a.Where = append(a.Where, Field{Name: "id", Value: id})
	}
	a.Where = append(a.Where, whereFields(ObjectProp(o, "where"))...)
	if op != OpRead && op != OpDelete {
		var data []Field
		data, a.Relative = updateDoc(ObjectProp(o, "data"))
		a.Data = append(a.Data, data...)
	}
	if op == OpUpsert {
		a.Atomic = true
	}
	if r := ObjectProp(o, "req"); !r.IsNil() {
		a.Options = o
	}
	return a, true
}
