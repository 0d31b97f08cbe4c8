package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Import describes where an imported binding comes from.
type Import struct {
	Spec string // the module specifier, e.g. "./db" or "ioredis"
	// Name is the imported name: an export name, "default", or "*" for the
	// whole module (namespace import, require(), dynamic import()).
	Name    string
	Node    syntax.Node // the import statement or require call
	Require bool
}

// Export is one name a module exports.
type Export struct {
	Name string
	// Value is the exported expression or declaration: a function or class
	// node, an identifier, an object literal...
	Value syntax.Node
	// From and FromName are set for re-exports: export { a as b } from "./x".
	From, FromName string
}

// stringArray returns the strings of an array literal whose elements are
// all string literals; nil for anything else.
func stringArray(n syntax.Node) []string {
	n = n.Unparen()
	if !n.Is(syntax.KArray) {
		return nil
	}
	var out []string
	for _, el := range n.NamedChildren() {
		s, ok := StringValue(el)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// StringValue returns the value of a string literal node (quotes removed,
// escapes kept), and false for anything else. A template string without
// substitutions counts as a string.
func StringValue(n syntax.Node) (string, bool) {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KString):
		s := n.Text()
		if len(s) >= 2 {
			return s[1 : len(s)-1], true
		}
	case n.Is(syntax.KTemplateString):
		if n.ChildOfKind(syntax.KTemplateSubstitution).IsNil() {
			s := n.Text()
			if len(s) >= 2 {
				return s[1 : len(s)-1], true
			}
		}
	}
	return "", false
}

// RequireSpec returns the specifier of require("x") or import("x").
func RequireSpec(n syntax.Node) (string, bool) {
	n = n.Unparen()
	if n.Is(syntax.KAwaitExpression) {
		n = n.NamedChild(0).Unparen()
	}
	if !n.Is(syntax.KCallExpression) {
		return "", false
	}
	fn := n.Child(syntax.FFunction)
	if !(fn.Is(syntax.KIdentifier) && fn.Text() == "require") && !fn.Is(syntax.KImport) {
		return "", false
	}
	return StringValue(n.Child(syntax.FArguments).NamedChild(0))
}

func (f *File) declareImport(n syntax.Node, s *Scope) {
	spec, _ := StringValue(n.Child(syntax.FSource))
	for _, c := range n.NamedChildren() {
		switch {
		case c.Is(syntax.KImportClause):
			for _, k := range c.NamedChildren() {
				switch {
				case k.Is(syntax.KIdentifier):
					f.addImport(s, k, &Import{Spec: spec, Name: "default", Node: n})
				case k.Is(syntax.KNamespaceImport):
					f.addImport(s, k.NamedChild(0), &Import{Spec: spec, Name: "*", Node: n})
				case k.Is(syntax.KNamedImports):
					for _, sp := range k.NamedChildren() {
						if !sp.Is(syntax.KImportSpecifier) {
							continue
						}
						name := sp.Child(syntax.FName)
						local := sp.Child(syntax.FAlias)
						if local.IsNil() {
							local = name
						}
						imported := name.Text()
						if v, ok := StringValue(name); ok {
							imported = v
						}
						f.addImport(s, local, &Import{Spec: spec, Name: imported, Node: n})
					}
				}
			}
		case c.Is(syntax.KImportRequireClause):
			id := c.ChildOfKind(syntax.KIdentifier)
			src, _ := StringValue(c.ChildOfKind(syntax.KString))
			f.addImport(s, id, &Import{Spec: src, Name: "*", Node: n, Require: true})
		}
	}
	if spec != "" {
		f.addSpec(spec, typeOnlyImport(n))
	}
}

// typeOnlyImport reports an import that brings in types only: import
// type ..., or named imports each marked type (import { type A, type B }).
// TypeScript erases both; under verbatimModuleSyntax the second still
// loads the module for its side effects, but no call reaches it.
func typeOnlyImport(n syntax.Node) bool {
	if n.HasToken("type") {
		return true
	}
	clause := n.ChildOfKind(syntax.KImportClause)
	if clause.IsNil() {
		return false // import "./polyfill" runs the module
	}
	typed := 0
	for _, k := range clause.NamedChildren() {
		if !k.Is(syntax.KNamedImports) {
			return false // a default or namespace import
		}
		for _, sp := range k.NamedChildren() {
			if !sp.Is(syntax.KImportSpecifier) {
				continue
			}
			if !sp.HasToken("type") {
				return false
			}
			typed++
		}
	}
	return typed > 0
}

func (f *File) addImport(s *Scope, id syntax.Node, imp *Import) {
	if id.IsNil() {
		return
	}
	s.declare(&Binding{Name: id.Text(), Kind: BImport, Decl: id, Import: imp})
}

// noteRequire turns bindings initialised from require()/import() into imports:
// const x = require("m"); const { a, b: c } = require("m"); const y = require("m").y.
func (f *File) noteRequire(pattern, value syntax.Node, s *Scope) {
	if value.IsNil() {
		return
	}
	v := value.Unparen()
	member := ""
	if v.Is(syntax.KMemberExpression) {
		member = v.Child(syntax.FProperty).Text()
		v = v.Child(syntax.FObject)
	}
	spec, ok := RequireSpec(v)
	if !ok {
		return
	}
	f.addSpec(spec, false)
	mark := func(id syntax.Node, name string) {
		if b := s.own(id.Text()); b != nil && b.Decl == id {
			b.Import = &Import{Spec: spec, Name: name, Node: value, Require: true}
			b.Kind = BImport
		}
	}
	switch {
	case pattern.Is(syntax.KIdentifier):
		if member != "" {
			mark(pattern, member)
		} else {
			mark(pattern, "*")
		}
	case pattern.Is(syntax.KObjectPattern) && member == "":
		for _, p := range pattern.NamedChildren() {
			switch {
			case p.Is(syntax.KShorthandPropertyIdentifierPattern):
				mark(p, p.Text())
			case p.Is(syntax.KPairPattern):
				if val := p.Child(syntax.FValue); val.Is(syntax.KIdentifier) {
					mark(val, strings.Trim(p.Child(syntax.FKey).Text(), `"'`))
				}
			}
		}
	}
}

// collectExports records ES and CommonJS exports.
func (f *File) collectExports() {
	f.Exports = map[string]*Export{}
	root := f.Tree.Root()
	for c := root.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		switch {
		case c.Is(syntax.KExportStatement):
			f.esExport(c)
		case c.Is(syntax.KExpressionStatement):
			f.cjsExport(c.NamedChild(0))
		}
	}
}

func (f *File) esExport(n syntax.Node) {
	src, hasSrc := StringValue(n.Child(syntax.FSource))
	if hasSrc {
		f.addSpec(src, n.HasToken("type"))
	}
	if d := n.Child(syntax.FDeclaration); !d.IsNil() {
		switch {
		case d.Is(syntax.KLexicalDeclaration, syntax.KVariableDeclaration):
			for _, vd := range d.NamedChildren() {
				name := vd.Child(syntax.FName)
				switch {
				case name.Is(syntax.KIdentifier):
					f.Exports[name.Text()] = &Export{Name: name.Text(), Value: vd.Child(syntax.FValue)}
				case name.Is(syntax.KObjectPattern):
					// export const { a, b: c } = { a: f, b: g }: each name
					// is the member of the object it is taken from, or the
					// binding itself when the value is not a literal.
					init := vd.Child(syntax.FValue).Unparen()
					for _, el := range name.NamedChildren() {
						id, key := el, el.Text()
						if el.Is(syntax.KPairPattern) {
							id, key = el.Child(syntax.FValue), strings.Trim(el.Child(syntax.FKey).Text(), `"'`)
						}
						if !id.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
							continue
						}
						v := id
						if init.Is(syntax.KObject) {
							if m := objectMember(init, key); !m.IsNil() {
								v = m
							}
						}
						f.Exports[id.Text()] = &Export{Name: id.Text(), Value: v}
					}
				}
			}
		case n.HasToken("default"):
			// export default async function f() {}: exported as default
			// only; f is a local name.
			f.Exports["default"] = &Export{Name: "default", Value: d}
		default:
			if name := d.Child(syntax.FName); !name.IsNil() {
				f.Exports[name.Text()] = &Export{Name: name.Text(), Value: d}
			}
		}
		return
	}
	if v := n.Child(syntax.FValue); !v.IsNil() || n.HasToken("default") {
		if v.IsNil() {
			// export default function f() {} / export default class {}
			for _, c := range n.NamedChildren() {
				if isFunction(c) || c.Is(syntax.KClassDeclaration, syntax.KClass) {
					v = c
				}
			}
		}
		f.Exports["default"] = &Export{Name: "default", Value: v}
		return
	}
	clause := n.ChildOfKind(syntax.KExportClause)
	if clause.IsNil() {
		if hasSrc {
			if ns := n.ChildOfKind(syntax.KNamespaceExport); !ns.IsNil() {
				name := ns.NamedChild(0).Text()
				f.Exports[name] = &Export{Name: name, From: src, FromName: "*"}
			} else {
				f.StarExports = append(f.StarExports, src)
			}
		}
		return
	}
	for _, sp := range clause.NamedChildren() {
		if !sp.Is(syntax.KExportSpecifier) {
			continue
		}
		name := sp.Child(syntax.FName)
		alias := sp.Child(syntax.FAlias)
		out := name.Text()
		if !alias.IsNil() {
			out = alias.Text()
		}
		if hasSrc {
			f.Exports[out] = &Export{Name: out, From: src, FromName: name.Text()}
		} else {
			f.Exports[out] = &Export{Name: out, Value: name}
		}
	}
}

// cjsExport handles module.exports = ..., module.exports.x = ..., exports.x = ...
func (f *File) cjsExport(e syntax.Node) {
	if !e.Is(syntax.KAssignmentExpression) {
		return
	}
	left, right := e.Child(syntax.FLeft), e.Child(syntax.FRight)
	switch lt := left.Text(); {
	case lt == "module.exports":
		f.Exports["default"] = &Export{Name: "default", Value: right}
		if r := right.Unparen(); r.Is(syntax.KObject) {
			for _, p := range r.NamedChildren() {
				switch {
				case p.Is(syntax.KShorthandPropertyIdentifier):
					f.Exports[p.Text()] = &Export{Name: p.Text(), Value: p}
				case p.Is(syntax.KPair):
					k := strings.Trim(p.Child(syntax.FKey).Text(), `"'`)
					f.Exports[k] = &Export{Name: k, Value: p.Child(syntax.FValue)}
				case p.Is(syntax.KMethodDefinition):
					k := p.Child(syntax.FName).Text()
					f.Exports[k] = &Export{Name: k, Value: p}
				}
			}
		}
	case strings.HasPrefix(lt, "module.exports.") || strings.HasPrefix(lt, "exports."):
		if left.Is(syntax.KMemberExpression) {
			k := left.Child(syntax.FProperty).Text()
			f.Exports[k] = &Export{Name: k, Value: right}
		}
	}
}

// comparisonOps are the binary operators whose value is a boolean.
var comparisonOps = map[string]bool{
	"===": true, "!==": true, "==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"in": true, "instanceof": true,
}

// IsBooleanValue reports an expression whose value is a boolean computed
// in memory: a comparison, a negation, Boolean(x), a boolean literal, or
// && and || of these. Two computations of it from the same inputs give the
// same value, with no object whose identity matters.
func IsBooleanValue(n syntax.Node) bool {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KTrue, syntax.KFalse):
		return true
	case n.Is(syntax.KUnaryExpression):
		return n.Operator() == "!"
	case n.Is(syntax.KBinaryExpression):
		op := n.Operator()
		if op == "&&" || op == "||" {
			return IsBooleanValue(n.Child(syntax.FLeft)) && IsBooleanValue(n.Child(syntax.FRight))
		}
		return comparisonOps[op]
	case n.Is(syntax.KCallExpression):
		fn := n.Child(syntax.FFunction)
		return fn.Is(syntax.KIdentifier) && fn.Text() == "Boolean"
	}
	return false
}
