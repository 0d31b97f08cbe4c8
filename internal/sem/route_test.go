package sem

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/parse"
)

// loadFiles parses files (JavaScript or TypeScript by extension) into one
// project.
func loadFiles(t *testing.T, files map[string]string) map[string]*File {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	out := map[string]*File{}
	var all []*File
	for _, name := range names {
		lang, ok := parse.LangOf(name)
		if !ok {
			t.Fatalf("no language for %s", name)
		}
		tree, err := p.Parse(files[name], lang)
		if err != nil {
			t.Fatal(err)
		}
		f := NewFile(name, "/"+name, lang != parse.JavaScript, tree)
		out[name] = f
		all = append(all, f)
	}
	NewProject(all, nil)
	return out
}

// routesByFunc renders the route of every named function of every file as
// "file:name" -> "METHOD path framework", or "-" when it has none.
func routesByFunc(files map[string]*File) map[string]string {
	out := map[string]string{}
	for name, f := range files {
		for _, fn := range f.Funcs {
			if fn.Name == "" {
				continue
			}
			r := f.Project().RouteAt(f, fn.Node)
			key := name + ":" + fn.Name
			if r == nil {
				out[key] = "-"
				continue
			}
			out[key] = fmt.Sprintf("%s %s %s", r.Method, r.Path, r.Framework)
		}
	}
	return out
}

func checkRoutes(t *testing.T, files map[string]string, want map[string]string) {
	t.Helper()
	got := routesByFunc(loadFiles(t, files))
	var diffs []string
	for k, w := range want {
		if got[k] != w {
			diffs = append(diffs, fmt.Sprintf("%s: got %q, want %q", k, got[k], w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: got %q, not in want", k, g))
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Error(strings.Join(diffs, "\n"))
	}
}

func TestRoutesExpress(t *testing.T) {
	checkRoutes(t, map[string]string{
		"server.js": `const express = require("express");
const { redeem } = require("./handlers");
const axios = require("axios");
const app = express();
const router = express.Router();
function requireUser(req, res, next) { next(); }
async function createOrder(req, res) { await save(req.body); await log(req); res.json({}); }
async function save(o) { await db.query("INSERT", [o]); }
async function log(req) { await db.query("INSERT INTO log", [req.path]); }
function audit(req, res, next) { next(); }
app.post("/orders", requireUser, createOrder);
app.get("/orders/:id", requireUser, async function showOrder(req, res) { await log(req); res.json({}); });
app.post("/cards/:code/redeem", redeem);
router.route("/jobs/:id").get(function getJob(req, res) {}).post(function claimJob(req, res) {});
app.use("/api", audit);
axios.get("/orders", function clientCallback() {});
function notAHandler() { return 1; }
app.listen(3000, function onListen() {});
`,
		"handlers.js": `exports.redeem = async function redeem(req, res) { await spend(req.params.code); res.sendStatus(204); };
async function spend(code) {}
`,
	}, map[string]string{
		"server.js:requireUser":    "-", // middleware of two routes
		"server.js:createOrder":    "POST /orders express",
		"server.js:save":           "POST /orders express",
		"server.js:log":            "-", // called from two routes
		"server.js:audit":          "-",
		"server.js:showOrder":      "GET /orders/:id express",
		"server.js:getJob":         "GET /jobs/:id express",
		"server.js:claimJob":       "POST /jobs/:id express",
		"server.js:clientCallback": "-",
		"server.js:notAHandler":    "-",
		"server.js:onListen":       "-",
		"handlers.js:redeem":       "POST /cards/:code/redeem express",
		"handlers.js:spend":        "POST /cards/:code/redeem express",
	})
}

func TestRoutesExpressRoutesModuleTS(t *testing.T) {
	checkRoutes(t, map[string]string{
		"app.ts": `import express from "express";
import { registerRoutes } from "./routes";
export const app = express();
registerRoutes(app);
`,
		"more.ts": `import { app } from "./app";
import { client } from "./client";
app.patch("/users/:id/name", async function rename(req, res) { res.json({}); });
client.patch("/users/:id/name", async function remoteRename() {});
`,
		"client.ts": `import axios from "axios";
export const client = axios.create({ baseURL: "https://api.example.com" });
`,
		"routes.ts": `import type { Express, Request, Response } from "express";
export function registerRoutes(app: Express) {
  app.put("/users/:id", updateUser);
}
async function updateUser(req: Request, res: Response) { res.json({}); }
export function helper(x: number) { return x + 1; }
`,
	}, map[string]string{
		"routes.ts:registerRoutes": "-",
		"routes.ts:updateUser":     "PUT /users/:id express",
		"routes.ts:helper":         "-",
		"more.ts:rename":           "PATCH /users/:id/name express",
		"more.ts:remoteRename":     "-",
	})
}

func TestRoutesFastify(t *testing.T) {
	checkRoutes(t, map[string]string{
		"server.ts": `import Fastify from "fastify";
const fastify = Fastify();
fastify.post("/trials", { schema: {} }, async function activate(request, reply) { return {}; });
fastify.route({ method: "POST", url: "/jobs/:id/claim", handler: claim });
fastify.route({ method: ["GET", "HEAD"], url: "/jobs", handler: async function listJobs() { return []; } });
async function claim(request, reply) { return {}; }
function unused() {}
`,
		"plugin.js": `module.exports = async function routes(fastify, opts) {
  fastify.delete("/sessions/:id", async function logout(request) { return {}; });
};
`,
	}, map[string]string{
		"server.ts:activate": "POST /trials fastify",
		"server.ts:claim":    "POST /jobs/:id/claim fastify",
		"server.ts:listJobs": "GET /jobs fastify",
		"server.ts:unused":   "-",
		"plugin.js:routes":   "-",
		"plugin.js:logout":   "DELETE /sessions/:id fastify",
	})
}

func TestRoutesKoaAndHono(t *testing.T) {
	checkRoutes(t, map[string]string{
		"koa.js": `const Koa = require("koa");
const Router = require("@koa/router");
const router = new Router();
router.post("/webhooks/stripe", async function stripeHook(ctx) { ctx.body = {}; });
router.del("user-delete", "/users/:id", async function removeUser(ctx) {});
const cache = new Map();
cache.get("/users/:id", function notRoute() {});
`,
		"hono.ts": `import { Hono } from "hono";
const app = new Hono();
app.post("/signup", async function signup(c) { return c.json({}); });
export default app;
`,
	}, map[string]string{
		"koa.js:stripeHook": "POST /webhooks/stripe koa",
		"koa.js:removeUser": "DELETE /users/:id koa",
		"koa.js:notRoute":   "-",
		"hono.ts:signup":    "POST /signup hono",
	})
}

func TestRoutesNestAndNext(t *testing.T) {
	checkRoutes(t, map[string]string{
		"cards.controller.ts": `import { Controller, Post, Get, Param } from "@nestjs/common";
@Controller("cards")
export class CardsController {
  constructor(private readonly cards: CardsService) {}
  @Post(":code/redeem")
  async redeem(@Param("code") code: string) { return this.cards.redeem(code); }
  @Get()
  list() { return []; }
  private audit() {}
}
export class CardsService {
  async redeem(code: string) { return code; }
}
`,
		"src/app/orders/[id]/route.ts": `export async function POST(request: Request) { return Response.json({}); }
export async function GET() { return Response.json({}); }
function local() {}
`,
		"src/app/(shop)/cart/route.js": `export async function DELETE(req) { return new Response(null); }
`,
		"src/lib/route.ts": `export async function POST() {}
`,
	}, map[string]string{
		"cards.controller.ts:constructor":     "-",
		"cards.controller.ts:redeem":          "POST /cards/:code/redeem nestjs",
		"cards.controller.ts:list":            "GET /cards nestjs",
		"cards.controller.ts:audit":           "-",
		"src/app/orders/[id]/route.ts:POST":   "POST /orders/[id] nextjs",
		"src/app/orders/[id]/route.ts:GET":    "GET /orders/[id] nextjs",
		"src/app/orders/[id]/route.ts:local":  "-",
		"src/app/(shop)/cart/route.js:DELETE": "DELETE /cart nextjs",
		"src/lib/route.ts:POST":               "-",
	})
}

func TestRouteAtNestedCallback(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"a.js": `const express = require("express");
const app = express();
app.post("/pay", async (req, res) => {
  await pool.connect().then(async (client) => { await client.query("UPDATE"); });
});
const top = 1;
`,
	})
	f := files["a.js"]
	var inner *Func
	for _, fn := range f.Funcs {
		if fn.Outer != nil {
			inner = fn
		}
	}
	if inner == nil {
		t.Fatal("no nested function")
	}
	if r := f.Project().RouteAt(f, inner.Body); r == nil || r.Method != "POST" || r.Path != "/pay" || r.Framework != "express" || r.File != f {
		t.Errorf("nested callback: got %+v", r)
	}
	if r := f.Project().RouteAt(f, f.Root()); r != nil {
		t.Errorf("module level: got %+v", r)
	}
}

func TestRoutesKoaTSHonoJSNestJS(t *testing.T) {
	checkRoutes(t, map[string]string{
		"koa.ts": `import Router from "@koa/router";
import type { Context } from "koa";
const router = new Router({ prefix: "/api" });
router.put("/carts/:id", async function updateCart(ctx: Context) { ctx.body = {}; });
const store = new Map<string, () => void>();
store.set("/carts/:id", function notRoute() {});
export default router;
`,
		"hono.js": `import { Hono } from "hono";
import { fetchJSON } from "./http";
const app = new Hono();
app.delete("/sessions/:id", async function logout(c) { return c.json({}); });
fetchJSON.post("/sessions", function clientSide() {});
export default app;
`,
		"http.js": `export const fetchJSON = { post(url, cb) { cb(); } };
`,
		"jobs.controller.js": `import { Controller, Post } from "@nestjs/common";
@Controller({ path: "jobs" })
export class JobsController {
  @Post("claim")
  async claim(body) { return body; }
  helper() {}
}
`,
	}, map[string]string{
		"koa.ts:updateCart":         "PUT /api/carts/:id koa",
		"koa.ts:notRoute":           "-",
		"hono.js:logout":            "DELETE /sessions/:id hono",
		"hono.js:clientSide":        "-",
		"http.js:post":              "-",
		"jobs.controller.js:claim":  "POST /jobs/claim nestjs",
		"jobs.controller.js:helper": "-",
	})
}

func TestRouteBodyFields(t *testing.T) {
	files := loadFiles(t, map[string]string{
		"a.js": `const express = require("express");
const app = express();
app.post("/a", async (req, res) => { const amount = Number(req.body.amount); const { code, note: memo = "" } = req.body; res.json({ amount, code, memo }); });
app.post("/b", async function hook(req, res) { const event = req.body; await credit(event.data.userId, event.id); });
`,
		"app/c/route.ts": `export async function POST(request: Request) {
  const { email, name } = await request.json();
  return Response.json({ email, name });
}
`,
	})
	want := map[string][]string{
		"POST /a": {"amount", "code", "note"},
		"POST /b": {"data", "id"},
		"POST /c": {"email", "name"},
	}
	got := map[string][]string{}
	for _, f := range files {
		for _, fn := range f.Funcs {
			if r := f.Project().RouteAt(f, fn.Node); r != nil {
				got[r.Method+" "+r.Path] = r.Body
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body fields %v, want %v", got, want)
	}
}

func TestRouteMountPrefixes(t *testing.T) {
	checkRoutes(t, map[string]string{
		"server.js": `const express = require("express");
const cards = require("./cards");
const { admin } = require("./admin");
const app = express();
const api = express.Router();
api.use("/cards", cards);
app.use("/api/v1", api);
app.use("/admin", admin);
app.use("/a", require("./shared"));
app.use("/b", require("./shared"));
`,
		"cards.js": `const { Router } = require("express");
const router = Router();
router.post("/:code/redeem", async function redeem(req, res) {});
module.exports = router;
`,
		"admin.js": `const express = require("express");
const admin = express.Router();
admin.delete("/users/:id", async function removeUser(req, res) {});
module.exports = { admin };
`,
		"shared.js": `const express = require("express");
const router = express.Router();
router.get("/health", function health(req, res) {});
module.exports = router;
`,
		"fastify.ts": `import Fastify, { FastifyInstance } from "fastify";
const app = Fastify();
async function jobRoutes(f: FastifyInstance) {
  f.post("/:id/claim", async function claim() { return {}; });
}
app.register(jobRoutes, { prefix: "/jobs" });
`,
		"hono.ts": `import { Hono } from "hono";
const app = new Hono().basePath("/api");
const books = new Hono();
books.put("/:id", async function saveBook(c) { return c.json({}); });
app.route("/books", books);
`,
	}, map[string]string{
		"cards.js:redeem":      "POST /api/v1/cards/:code/redeem express",
		"admin.js:removeUser":  "DELETE /admin/users/:id express",
		"shared.js:health":     "GET /health express", // mounted twice: no one prefix
		"fastify.ts:jobRoutes": "-",
		"fastify.ts:claim":     "POST /jobs/:id/claim fastify",
		"hono.ts:saveBook":     "PUT /api/books/:id hono",
	})
}
