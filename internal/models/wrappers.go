package models

import (
	"slices"

	"github.com/racecheck/racecheck/internal/syntax"
)

// A project can teach racecheck its own data-access wrappers in its
// configuration ("models": {"lib/db#query": "sql"}). This file says what
// each kind of wrapper does to external state.

// wrapperKinds maps a configured kind to the operation it performs.
var wrapperKinds = map[string]Op{
	"sql":             OpNone, // runs the SQL text of its first argument
	"read":            OpRead,
	"update":          OpUpdate,
	"insert":          OpInsert,
	"upsert":          OpUpsert,
	"delete":          OpDelete,
	"increment":       OpIncr,
	"cache-read":      OpRead,
	"cache-write":     OpUpdate,
	"cache-delete":    OpDelete,
	"cache-increment": OpIncr,
}

// WrapperKinds lists the kinds a configured wrapper may have, sorted.
func WrapperKinds() []string {
	out := make([]string, 0, len(wrapperKinds))
	for k := range wrapperKinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// WrapperAccess describes a call of a wrapper configured with kind:
//
//   - "sql": the first argument is SQL text, with its parameters as a
//     driver takes them (an array, or the remaining arguments);
//   - "read", "update", "insert", "upsert", "delete", "increment": a record
//     picked by the call's arguments, as a helper of that name would be;
//   - "cache-read", "cache-write", "cache-delete", "cache-increment": a
//     key-value store, keyed by the first argument, the value second.
//
// name is the wrapper's exported name, used as the resource when the
// wrapper's own name says nothing more.
func WrapperAccess(kind string, call syntax.Node, env Env) (Access, bool) {
	op, ok := wrapperKinds[kind]
	if !ok {
		return Access{}, false
	}
	args := Args(call)
	switch kind {
	case "sql":
		method := Method(call)
		text, params, ok := sqlArgs(call, env, method)
		if !ok {
			return Access{}, false
		}
		if len(params) == 0 && len(args) > 1 {
			params = args[1:]
		}
		a := sqlStmtAccess(text, params)
		a.Call, a.Method = call, method
		return a, true
	case "cache-read", "cache-write", "cache-delete", "cache-increment":
		a := Access{Call: call, Kind: StoreRedis, Op: op, Resource: "redis", WholeValue: true}
		_, a.Method = Callee(call)
		if len(args) > 0 {
			a.Keys = []syntax.Node{args[0]}
		}
		switch op {
		case OpIncr:
			a.Atomic, a.Relative = true, true
		case OpUpdate:
			if len(args) > 1 {
				a.Data = []Field{{Name: "*", Value: args[1]}}
			}
		}
		return a, true
	}
	a, ok := HelperAccess(call)
	if ok && a.Op == OpRead && op != OpRead {
		ok = false // named like a read, configured as a write: start over
	}
	if !ok {
		a = Access{Kind: StoreHelper, WholeValue: true, Keys: args}
		_, a.Method = Callee(call)
		a.Resource = a.Method
		if op != OpRead {
			for _, x := range args {
				a.Data = append(a.Data, Field{Value: x})
			}
		}
	}
	a.Call, a.Named, a.Op = call, false, op
	a.Atomic = op == OpUpsert || op == OpIncr
	a.Relative = op == OpIncr
	if op == OpRead {
		a.Data = nil
	}
	return a, true
}
