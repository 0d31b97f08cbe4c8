package models

import "strings"

// promiseModules are modules every function of which returns a promise.
var promiseModules = map[string]bool{
	"fs/promises":       true,
	"timers/promises":   true,
	"dns/promises":      true,
	"stream/promises":   true,
	"readline/promises": true,
}

// promiseGlobals are global functions that return promises.
var promiseGlobals = map[string]bool{
	"fetch": true,
}

// promiseClients are packages whose client objects return promises from
// their methods (the imported value, or what it constructs, is the root of
// the receiver chain).
var promiseClients = map[string]bool{
	"axios": true,
}

// IsPromiseAPI reports whether a call of a library API returns a promise.
// chain and method are the call's receiver chain and method (see Callee);
// spec is the module the root of the chain was imported from, if any.
func IsPromiseAPI(chain []string, method, spec string) bool {
	spec = strings.TrimPrefix(spec, "node:")
	switch {
	case promiseModules[spec]:
		return true
	case len(chain) == 0 && spec == "" && promiseGlobals[method]:
		return true
	case promiseClients[spec]:
		return true
	case len(chain) >= 2 && chain[len(chain)-1] == "promises" && (spec == "fs" || chain[0] == "fs"):
		return true // fs.promises.readFile
	}
	return false
}
