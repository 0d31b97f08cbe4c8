package models

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
