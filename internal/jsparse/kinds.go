package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// Kinds and fields of the tree-sitter vocabulary that package syntax does not
// name.
var (
	kComment        = syntax.KComment
	kHashBang       = syntax.Intern("hash_bang_line")
	kEscape         = syntax.Intern("escape_sequence")
	kRegexPattern   = syntax.Intern("regex_pattern")
	kRegexFlags     = syntax.Intern("regex_flags")
	kMetaProperty   = syntax.Intern("meta_property")
	kStatementID    = syntax.Intern("statement_identifier")
	kDebugger       = syntax.Intern("debugger_statement")
	kWith           = syntax.Intern("with_statement")
	kClassHeritage  = syntax.Intern("class_heritage")
	kRestPattern    = syntax.KRestPattern
	kPrivateProp    = syntax.KPrivatePropertyIdentifier
	kHTMLCharRef    = syntax.Intern("html_character_reference")
	kJsxText        = syntax.Intern("jsx_text")
	kJsxClosing     = syntax.Intern("jsx_closing_element")
	kJsxNamespace   = syntax.Intern("jsx_namespace_name")
	kNestedID       = syntax.Intern("nested_identifier")
	kImportAttr     = syntax.Intern("import_attribute")
	kStringFragment = syntax.KStringFragment

	// TypeScript.
	kTypeParameter       = syntax.Intern("type_parameter")
	kConstraint          = syntax.Intern("constraint")
	kDefaultType         = syntax.Intern("default_type")
	kArrayType           = syntax.Intern("array_type")
	kTupleType           = syntax.Intern("tuple_type")
	kOptionalType        = syntax.Intern("optional_type")
	kRestType            = syntax.Intern("rest_type")
	kObjectType          = syntax.Intern("object_type")
	kPropertySignature   = syntax.Intern("property_signature")
	kIndexSignature      = syntax.Intern("index_signature")
	kCallSignature       = syntax.Intern("call_signature")
	kConstructSignature  = syntax.Intern("construct_signature")
	kFunctionType        = syntax.Intern("function_type")
	kConstructorType     = syntax.Intern("constructor_type")
	kLiteralType         = syntax.Intern("literal_type")
	kParenthesizedType   = syntax.Intern("parenthesized_type")
	kIntersectionType    = syntax.Intern("intersection_type")
	kConditionalType     = syntax.Intern("conditional_type")
	kInferType           = syntax.Intern("infer_type")
	kLookupType          = syntax.Intern("lookup_type")
	kIndexTypeQuery      = syntax.Intern("index_type_query")
	kTypeQuery           = syntax.Intern("type_query")
	kTemplateLiteralType = syntax.Intern("template_literal_type")
	kTemplateType        = syntax.Intern("template_type")
	kTypePredicate       = syntax.Intern("type_predicate")
	kTypePredAnnotation  = syntax.Intern("type_predicate_annotation")
	kAssertsAnnotation   = syntax.Intern("asserts_annotation")
	kAsserts             = syntax.Intern("asserts")
	kReadonlyType        = syntax.Intern("readonly_type")
	kMappedTypeClause    = syntax.Intern("mapped_type_clause")
	kExistentialType     = syntax.Intern("existential_type")
	kThisType            = syntax.Intern("this_type")
	kAccessibility       = syntax.Intern("accessibility_modifier")
	kOverrideModifier    = syntax.Intern("override_modifier")
	kImplementsClause    = syntax.Intern("implements_clause")
	kExtendsClause       = syntax.Intern("extends_clause")
	kExtendsTypeClause   = syntax.Intern("extends_type_clause")
	kInterfaceBody       = syntax.Intern("interface_body")
	kEnumBody            = syntax.Intern("enum_body")
	kEnumAssignment      = syntax.Intern("enum_assignment")
	kImportAlias         = syntax.Intern("import_alias")
	kOmittingTypeAnn     = syntax.Intern("omitting_type_annotation")
	kOptingTypeAnn       = syntax.Intern("opting_type_annotation")
	kAddingTypeAnn       = syntax.Intern("adding_type_annotation")
	kAbstractClassDecl   = syntax.KAbstractClassDeclaration
	kGlobal              = syntax.Intern("global")
)

var (
	fPattern    = syntax.FPattern
	fFlags      = syntax.FFlags
	fDecorator  = syntax.FDecorator
	fSign       = syntax.FSign
	fReturnType = syntax.FReturnType
)

// tokenKinds maps the text of every anonymous token the parser emits to its
// kind.
var tokenKinds = map[string]syntax.Kind{}

func init() {
	for _, s := range []string{
		"var", "let", "const", "using", "function", "async", "await", "yield", "class", "extends", "static", "get", "set",
		"new", "target", "meta", "import", "export", "default", "from", "as", "if", "else", "for", "of", "in", "while",
		"do", "try", "catch", "finally", "return", "throw", "break", "continue", "switch", "case", "debugger", "with",
		"typeof", "void", "delete", "instanceof", "this", "super", "null", "true", "false", "undefined", "with",
		"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=",
		"==", "===", "!=", "!==", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "**", "<<", ">>", ">>>", "&", "|", "^",
		"&&", "||", "??", "!", "~", "++", "--", "?", "?.", "...", "@", "#", "</", "/>",
		// TypeScript.
		"type", "interface", "enum", "namespace", "module", "declare", "abstract", "readonly", "public", "private",
		"protected", "override", "implements", "keyof", "unique", "infer", "is", "asserts", "satisfies", "accessor",
		"global", "require", "any", "number", "boolean", "string", "symbol", "object", "never", "unknown", "bigint",
		"out", "assert", "-?:", "+?:", "?:", "{|", "|}", "unique symbol",
	} {
		tokenKinds[s] = syntax.Intern(s)
	}
}

// tokenKind is the kind of the anonymous token with the given text.
func tokenKind(text string) syntax.Kind {
	if k, ok := tokenKinds[text]; ok {
		return k
	}
	return syntax.KError
}
