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
