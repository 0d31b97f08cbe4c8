package models

import (
	"path"
	"strings"
)

// scriptRunners run the source file named after them once and exit when
// it is done (node, and the TypeScript runners).
var scriptRunners = map[string]bool{
	"node": true, "tsx": true, "ts-node": true, "ts-node-esm": true, "babel-node": true, "bun": true,
	"vite-node": true, "esno": true, "esr": true, "zx": true, "jiti": true, "sucrase-node": true, "swc-node": true,
}

// watchers rerun a file whenever the code changes: a development server,
// not a one-shot command.
var watchers = map[string]bool{"nodemon": true, "node-dev": true, "ts-node-dev": true, "tsnd": true, "pm2": true, "forever": true}

// runnerValueFlags are the runner options that take the next word as
// their value.
var runnerValueFlags = map[string]bool{
	"-r": true, "--require": true, "--loader": true, "--experimental-loader": true, "--import": true,
	"--env-file": true, "--tsconfig": true, "-P": true, "--project": true, "-C": true, "--conditions": true,
}

// runnerOtherModes are runner options after which no file of the
// project's runs once: code given inline, the test runner, a watch.
var runnerOtherModes = map[string]bool{
	"-e": true, "--eval": true, "-p": true, "--print": true, "--test": true, "--watch": true, "watch": true,
	"-w": true, "--watch-path": true, "test": true, "-i": true, "--interactive": true,
}

// sourceExts are the extensions of the files a runner is given.
var sourceExts = map[string]bool{
	".js": true, ".mjs": true, ".cjs": true, ".jsx": true, ".ts": true, ".mts": true, ".cts": true, ".tsx": true,
}

// ScriptEntries returns the files a package.json "scripts" command runs
// once with node or a TypeScript runner ("node scripts/seed.js", "tsx
// ./tools/build.ts --out dist", "cross-env X=1 ts-node src/migrate.ts &&
// node dist/x.js"), as written, relative to the package. Commands that
// watch (nodemon, node --watch, tsx watch), run inline code or the test
// runner name none.
func ScriptEntries(cmd string) []string {
	var out []string
	for _, seg := range splitCommands(cmd) {
		words := strings.Fields(seg)
		for i := 0; i < len(words); i++ {
			w := strings.Trim(words[i], `"'`)
			base := path.Base(w)
			if watchers[base] {
				break
			}
			if !scriptRunners[base] {
				continue
			}
			if entry, ok := runnerEntry(words[i+1:]); ok {
				out = append(out, entry)
			}
			break
		}
	}
	return out
}

// runnerEntry reads a runner's arguments up to the file it runs.
func runnerEntry(args []string) (string, bool) {
	for j := 0; j < len(args); j++ {
		a := strings.Trim(args[j], `"'`)
		switch {
		case runnerOtherModes[a]:
			return "", false
		case runnerValueFlags[a]:
			j++
		case strings.HasPrefix(a, "--watch"):
			return "", false
		case strings.HasPrefix(a, "-"), a == "run", a == "--":
		default:
			if sourceExts[path.Ext(a)] || strings.Contains(a, "/") {
				return a, true
			}
			return "", false
		}
	}
	return "", false
}

// splitCommands splits a shell command line at &&, ||, ; and |.
func splitCommands(cmd string) []string {
	f := func(r rune) bool { return r == '&' || r == '|' || r == ';' }
	return strings.FieldsFunc(cmd, f)
}

// longRunningCalls are calls that keep a process serving after its entry
// has run: a server that listens, a timer that repeats, a queue worker or
// a scheduler, an Electron window. Keyed by method name; the value, when
// set, is the receiver or function the method must be called on.
var longRunningCalls = map[string][]string{
	"listen":                nil, // app.listen, server.listen, fastify.listen
	"createServer":          nil,
	"setInterval":           {""},
	"schedule":              {"cron", "nodeCron", "schedule"},
	"scheduleJob":           nil,
	"serve":                 nil, // @hono/node-server, Bun.serve
	"whenReady":             {"app"},
	"startAllMicroservices": nil,
	"process":               {"queue"},
	"consume":               nil,
	"subscribe":             {"consumer", "redis", "subscriber", "client"},
}

// longRunningClasses are classes whose instances keep a process running.
var longRunningClasses = map[string]bool{
	"Worker": true, "CronJob": true, "BrowserWindow": true, "WebSocketServer": true, "Server": true, "ApolloServer": true,
}

// IsLongRunningStart reports a call that keeps the process serving after
// its entry has run (see longRunningCalls), from its callee.
func IsLongRunningStart(chain []string, method string) bool {
	recv, ok := longRunningCalls[method]
	if !ok {
		return false
	}
	if recv == nil {
		return true
	}
	last := ""
	if len(chain) > 0 {
		last = chain[len(chain)-1]
	}
	for _, r := range recv {
		if r == last {
			return true
		}
	}
	return false
}

// IsLongRunningClass reports a class whose instance keeps the process
// serving (new Worker(queue, handler), new CronJob(...)).
func IsLongRunningClass(name string) bool { return longRunningClasses[name] }

// servingPackages are packages a program imports to serve: web
// frameworks and servers, queue workers and consumers, schedulers,
// desktop shells. A command whose code imports one may keep running.
var servingPackages = map[string]bool{
	"express": true, "fastify": true, "koa": true, "hono": true, "@hono/node-server": true, "@nestjs/core": true,
	"@hapi/hapi": true, "restify": true, "polka": true, "h3": true, "elysia": true, "next": true, "nuxt": true,
	"@apollo/server": true, "apollo-server": true, "apollo-server-express": true, "graphql-yoga": true,
	"ws": true, "socket.io": true, "@grpc/grpc-js": true,
	"@temporalio/worker": true, "bullmq": true, "bull": true, "bee-queue": true, "agenda": true, "graphile-worker": true,
	"pg-boss": true, "kafkajs": true, "amqplib": true, "amqp-connection-manager": true, "@aws-sdk/client-sqs": true,
	"node-cron": true, "cron": true, "node-schedule": true, "toad-scheduler": true, "croner": true,
	"electron": true, "chokidar": true, "@parcel/watcher": true,
}

// IsServingPackage reports a package imported by programs that serve
// (see servingPackages); a subpath counts as its package.
func IsServingPackage(spec string) bool {
	return servingPackages[spec] || servingPackages[packageOf(spec)]
}
