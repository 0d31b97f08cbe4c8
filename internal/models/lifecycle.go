package models

import "strings"

// startupHooks are the methods a framework calls once when the process
// starts or stops (NestJS lifecycle hooks): their code does not run
// concurrently with itself inside one process.
var startupHooks = map[string]bool{
	"onModuleInit":              true,
	"onApplicationBootstrap":    true,
	"onModuleDestroy":           true,
	"beforeApplicationShutdown": true,
	"onApplicationShutdown":     true,
}

// IsStartupHook reports whether a method name is a framework start-up or
// shut-down hook.
func IsStartupHook(name string) bool { return startupHooks[name] }

// migrationSteps are the functions a migration runner (knex, umzug,
// TypeORM, Sequelize, node-pg-migrate, db-migrate) calls, one migration at a
// time under its own migration lock, when a module or class exports them.
var migrationSteps = map[string]bool{"up": true, "down": true}

// IsMigrationStep reports whether an exported function or method name is a
// migration runner's entry point.
func IsMigrationStep(name string) bool { return migrationSteps[name] }

// injectableDecorators mark classes a dependency-injection framework
// creates and, by default, keeps one instance of (NestJS, TypeDI,
// Inversify, Angular, tsyringe): their fields are shared by every request.
var injectableDecorators = map[string]bool{
	"Injectable": true, "Controller": true, "Resolver": true, "Service": true,
	"Processor": true, "WebSocketGateway": true, "Catch": true, "Module": true,
	"injectable": true, "singleton": true, "scoped": true, "Component": true,
}

// IsInjectableDecorator reports whether a class decorator's name marks a
// framework-managed (shared) instance.
func IsInjectableDecorator(name string) bool { return injectableDecorators[name] }

// CLI command frameworks call one command's handler once per process: the
// command the user ran. Code that only a handler reaches runs once, like a
// start-up hook.

// cliHandlerKeys are, per module and function, the keys of the object
// argument that hold a command's handler: command({ handler }) of
// @drizzle-team/brocli and cmd-ts, defineCommand({ run }) of citty.
var cliHandlerKeys = map[string]map[string]map[string]bool{
	"@drizzle-team/brocli": {"command": nameSet("handler")},
	"cmd-ts":               {"command": nameSet("handler")},
	"citty":                {"defineCommand": nameSet("run")},
}

// IsCLIHandlerKey reports whether key of the object given to function fn
// imported from module holds a command handler.
func IsCLIHandlerKey(module, fn, key string) bool { return cliHandlerKeys[module][fn][key] }

// cliActionMethods are, per module, the methods of a command object (made
// by the module, or chained from one) whose function argument is the
// command's handler: commander's .action(fn).
var cliActionMethods = map[string]map[string]bool{
	"commander": nameSet("action"),
}

// IsCLIActionMethod reports whether method of a command object of module
// takes the command's handler.
func IsCLIActionMethod(module, method string) bool { return cliActionMethods[module][method] }

// cliCommandClasses are, per module, the command base classes and the
// method the framework runs: oclif's Command.run, clipanion's
// Command.execute.
var cliCommandClasses = map[string]map[string]string{
	"@oclif/core": {"Command": "run"},
	"clipanion":   {"Command": "execute"},
}

// CLICommandMethod returns the method a framework runs on a command class
// extending class (imported from module), or "".
func CLICommandMethod(module, class string) string { return cliCommandClasses[module][class] }

// stateVerbPairs pair the verbs that begin a state and those that end it
// when a call takes no argument (startProgress() ... stopProgress(),
// showSpinner() ... hideSpinner()): what one sets, the other clears.
var stateVerbPairs = map[string]string{
	"start": "stop", "show": "hide", "open": "close", "begin": "end", "enable": "disable",
}

// StateVerb splits a call's name into a verb that begins or ends a state
// and its noun: startProgress gives ("start", "progress", true), and
// stopProgress ("stop", "progress", false). ok is false for other names.
func StateVerb(name string) (verb, noun string, begins, ok bool) {
	ws := Words(name)
	if len(ws) < 2 {
		return "", "", false, false
	}
	noun = strings.Join(ws[1:], "")
	if _, found := stateVerbPairs[ws[0]]; found {
		return ws[0], noun, true, true
	}
	for b, e := range stateVerbPairs {
		if e == ws[0] {
			return b, noun, false, true
		}
	}
	return "", "", false, false
}
