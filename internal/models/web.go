package models

import "strings"

// Web frameworks: the call shapes and decorators that register an HTTP
// route handler, as data.

// Web framework names, as route facts report them.
const (
	Express = "express"
	Fastify = "fastify"
	Koa     = "koa"
	Hono    = "hono"
	NestJS  = "nestjs"
	NextJS  = "nextjs"
)

// WebFrameworkPackages maps the packages whose objects register routes to
// the framework they belong to. A file that imports one of them (types
// included) registers routes with that framework's call shapes.
var WebFrameworkPackages = map[string]string{
	"express":                Express,
	"fastify":                Fastify,
	"koa-router":             Koa,
	"@koa/router":            Koa,
	"koa-tree-router":        Koa,
	"hono":                   Hono,
	"@nestjs/common":         NestJS,
	"next/server":            NextJS,
	"fastify-plugin":         Fastify,
	"express-promise-router": Express,
}

// RouteVerbs maps the methods that register a route for one HTTP method
// (app.post("/x", handler), router.del("/x", handler) in koa-router) to
// that method; "ALL" matches every method.
var RouteVerbs = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH",
	"delete": "DELETE", "del": "DELETE", "head": "HEAD", "options": "OPTIONS",
	"all": "ALL",
}

// RouteObjectMethods register a route described by an object literal:
// fastify.route({ method: "POST", url: "/x", handler }).
var RouteObjectMethods = map[string]bool{"route": true}

// RouteObjectKeys name the properties of a route object: the method, the
// path and the handler, in the spellings frameworks accept.
var RouteObjectKeys = struct {
	Method, Path, Handler []string
}{
	Method:  []string{"method"},
	Path:    []string{"url", "path"},
	Handler: []string{"handler"},
}

// RouteChainMethods start a chain that registers several methods on one
// path: router.route("/x").get(list).post(create) (Express).
var RouteChainMethods = map[string]bool{"route": true}

// PluginReceiverNames are the parameter names a framework's plugins
// receive its instance under, when the file imports nothing of it:
// module.exports = async function (fastify) { fastify.post(...) }.
var PluginReceiverNames = map[string]string{"fastify": Fastify}

// ControllerDecorators mark a class whose decorated methods are route
// handlers; the decorator's argument is the path prefix (NestJS
// @Controller("orders") or @Controller({ path: "orders" })).
var ControllerDecorators = map[string]bool{"Controller": true}

// RouteDecorators map the method decorators that make a controller method a
// route handler to their HTTP method (NestJS @Post(":id")).
var RouteDecorators = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH",
	"Delete": "DELETE", "Head": "HEAD", "Options": "OPTIONS", "All": "ALL",
}

// RouteFileExports are the exported function names of a Next.js app-router
// route file (app/**/route.ts) that handle an HTTP method.
var RouteFileExports = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "HEAD": true, "OPTIONS": true,
}

// routeFileBases are the base names of Next.js route files.
var routeFileBases = map[string]bool{
	"route.ts": true, "route.js": true, "route.mjs": true, "route.tsx": true, "route.jsx": true,
}

// RouteFilePath returns the URL path pattern a Next.js app-router route file
// serves, from its slash-separated path, and whether the path is one:
// src/app/orders/[id]/route.ts serves /orders/[id]. Route groups
// ("(shop)") add nothing to the path; folders starting with "_" are private
// and serve nothing.
func RouteFilePath(p string) (string, bool) {
	if !routeFileBases[p[strings.LastIndexByte(p, '/')+1:]] {
		return "", false // most files: not worth splitting
	}
	segs := strings.Split(p, "/")
	if len(segs) < 2 || !routeFileBases[segs[len(segs)-1]] {
		return "", false
	}
	app := -1
	for i, s := range segs[:len(segs)-1] {
		if s == "app" {
			app = i
			break
		}
	}
	if app < 0 {
		return "", false
	}
	var out []string
	for _, s := range segs[app+1 : len(segs)-1] {
		switch {
		case strings.HasPrefix(s, "_"):
			return "", false
		case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
			continue
		case strings.HasPrefix(s, "@"):
			continue
		}
		out = append(out, s)
	}
	return "/" + strings.Join(out, "/"), true
}

// MountMethods mount a router under a path prefix:
// app.use("/api", router) (Express, Koa), app.route("/api", sub) (Hono).
var MountMethods = map[string]bool{"use": true, "route": true}

// PluginMountMethods register a plugin whose routes get the prefix option:
// fastify.register(routes, { prefix: "/api" }).
var PluginMountMethods = map[string]bool{"register": true}

// RouterHandles are methods of a router that hand it to a mount:
// app.use(router.routes()) (koa-router).
var RouterHandles = map[string]bool{"routes": true, "middleware": true}

// PrefixOptions name the option of a router's constructor, or of a plugin
// registration, that prefixes its routes: new Router({ prefix: "/api" }).
var PrefixOptions = []string{"prefix"}

// BasePathMethods return a router whose routes are under a prefix:
// new Hono().basePath("/api").
var BasePathMethods = map[string]bool{"basePath": true}

// ErrorReplyMethods answer a request with a 4xx or 5xx status by name:
// @fastify/sensible's reply decorators (reply.badRequest(),
// reply.conflict()) and the Boom errors a hapi handler returns
// (return Boom.conflict()).
var ErrorReplyMethods = map[string]bool{
	"badRequest": true, "unauthorized": true, "paymentRequired": true, "forbidden": true,
	"notFound": true, "methodNotAllowed": true, "notAcceptable": true, "conflict": true,
	"gone": true, "preconditionFailed": true, "entityTooLarge": true, "payloadTooLarge": true,
	"unsupportedMediaType": true, "unprocessableEntity": true, "badData": true, "locked": true,
	"tooManyRequests": true, "internalServerError": true, "badImplementation": true,
	"notImplemented": true, "badGateway": true, "serviceUnavailable": true, "gatewayTimeout": true,
}

// BrowserGlobals are globals only a browser provides.
var BrowserGlobals = map[string]bool{
	"window": true, "document": true, "localStorage": true, "sessionStorage": true,
	"navigator": true, "$": true, "jQuery": true,
}

// WorkerScopeMembers are members of a service worker's global scope
// (self.clients, self.registration, self.skipWaiting()): a file that uses
// one runs in the browser's service worker, not in a Node process.
var WorkerScopeMembers = map[string]bool{
	"clients": true, "registration": true, "skipWaiting": true,
}

// clientModules are imported only by code that runs in a browser: UI
// libraries and their hooks, client-side routers, stores and
// data-fetching hooks.
var clientModules = []string{
	"react", "react-dom", "next/navigation", "next/router", "@tanstack/react-query",
	"@trpc/react-query", "swr", "vue", "svelte", "@angular/core",
	"vue-router", "vuex", "pinia", "grainjs", "knockout", "jquery", "@mantine/core",
	"@mantine/hooks", "preact", "solid-js", "react-router-dom",
}

// ClientModule reports whether a module specifier (or a subpath of it)
// names a module only front-end code imports.
func ClientModule(spec string) bool {
	for _, m := range clientModules {
		if spec == m || strings.HasPrefix(spec, m+"/") {
			return true
		}
	}
	return false
}

// lazyComponentLoaders are the functions that load a component's module
// when it first renders, by package: next/dynamic's default export and
// React's lazy.
var lazyComponentLoaders = map[string]map[string]bool{
	"next/dynamic":        {"default": true},
	"react":               {"lazy": true},
	"@loadable/component": {"default": true},
}

// LazyComponent reports a lazy component loader (dynamic(() =>
// import("./Table")), React.lazy(...)): the package it comes from and the
// name it is exported under there.
func LazyComponent(spec, name string) bool { return lazyComponentLoaders[spec][name] }
