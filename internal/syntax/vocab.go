package syntax

// The vocabulary of kinds and fields. Interning happens during package
// initialisation (here and in front ends); afterwards the tables are only read,
// so they need no locking.

var (
	kindNames  []string
	kindByName = map[string]Kind{}

	fieldNames  []string
	fieldByName = map[string]Field{}
)

// Intern returns the kind with the given name, adding it if it is new. Call it
// only from package initialisation.
func Intern(name string) Kind {
	if k, ok := kindByName[name]; ok {
		return k
	}
	k := Kind(len(kindNames))
	kindNames = append(kindNames, name)
	kindByName[name] = k
	return k
}

// InternField is Intern for fields. There are at most 255 fields.
func InternField(name string) Field {
	if f, ok := fieldByName[name]; ok {
		return f
	}
	if len(fieldNames) >= 255 {
		return 0
	}
	f := Field(len(fieldNames))
	fieldNames = append(fieldNames, name)
	fieldByName[name] = f
	return f
}

// KindName returns the name of a kind.
func KindName(k Kind) string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// FieldName returns the name of a field.
func FieldName(f Field) string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return "?"
}
