package sem

import "testing"

// TestBundlerAliases: the aliases of build configuration modules, and
// those their framework defines, resolve to project files, scoped to the
// configuration's directory.
func TestBundlerAliases(t *testing.T) {
	files := loadTree(t, map[string]string{
		"web/nuxt.config.ts": `import { fileURLToPath } from "node:url";
export default defineNuxtConfig({
  alias: {
    "#db": fileURLToPath(new URL("./server/database/", import.meta.url)),
    "#cli": fileURLToPath(new URL("./cli", import.meta.url)),
  },
});`,
		"web/server/database/sqlite.ts": `export const db = 1;`,
		"web/server/utils/Database.ts":  `export default 1;`,
		"web/shared/types.ts":           `export type T = number;`,
		"web/cli/index.ts":              `export const run = 1;`,
		"web/server/api/x.ts":           `import "#db/sqlite"; import "#server/utils/Database"; import "#shared/types"; import "#cli"; import "~~/server/utils/Database"; import "~/server/database/sqlite";`,
		"other/y.ts":                    `import "#db/sqlite";`,

		"kit/svelte.config.js":          `const config = { kit: { alias: { $components: "src/components", "$util/*": "src/util/*" } } }; export default config;`,
		"kit/src/lib/server/db.ts":      `export const db = 1;`,
		"kit/src/components/Button.ts":  `export const b = 1;`,
		"kit/src/util/time.ts":          `export const t = 1;`,
		"kit/src/routes/api/+server.ts": `import "$lib/server/db"; import "$components/Button"; import "$util/time";`,

		"app/vite.config.ts": `import path from "path";
const root = path.resolve(__dirname, "src");
export default defineConfig(({ mode }) => ({
  resolve: { alias: [{ find: "@", replacement: root }, { find: "@api", replacement: ` + "`${__dirname}/api`" + ` }, { find: /^x/, replacement: "y" }] },
}));`,
		"app/src/store.ts":  `export const s = 1;`,
		"app/api/client.ts": `export const c = 1;`,
		"app/src/main.ts":   `import "@/store"; import "@api/client"; import "@nestjs/common";`,

		"pack/webpack.config.js": `const path = require("path");
module.exports = { resolve: { alias: { Utils$: path.join(__dirname, "lib/u"), shared: path.resolve(__dirname, "lib/shared") } } };`,
		"pack/lib/u/index.js":  `module.exports = 1;`,
		"pack/lib/u/x.js":      `module.exports = 1;`,
		"pack/lib/shared/a.js": `module.exports = 1;`,
		"pack/main.js":         `require("Utils"); require("shared/a"); require("Utils/x");`,
	})
	p := files["web/server/api/x.ts"].Project()
	cases := []struct{ from, spec, want string }{
		{"web/server/api/x.ts", "#db/sqlite", "/web/server/database/sqlite.ts"},
		{"web/server/api/x.ts", "#server/utils/Database", "/web/server/utils/Database.ts"},
		{"web/server/api/x.ts", "#shared/types", "/web/shared/types.ts"},
		{"web/server/api/x.ts", "#cli", "/web/cli/index.ts"},
		{"web/server/api/x.ts", "~~/server/utils/Database", "/web/server/utils/Database.ts"},
		{"web/server/api/x.ts", "~/server/database/sqlite", "/web/server/database/sqlite.ts"},
		{"other/y.ts", "#db/sqlite", ""}, // outside the Nuxt app
		{"kit/src/routes/api/+server.ts", "$lib/server/db", "/kit/src/lib/server/db.ts"},
		{"kit/src/routes/api/+server.ts", "$components/Button", "/kit/src/components/Button.ts"},
		{"kit/src/routes/api/+server.ts", "$util/time", "/kit/src/util/time.ts"},
		{"app/src/main.ts", "@/store", "/app/src/store.ts"},
		{"app/src/main.ts", "@api/client", "/app/api/client.ts"},
		{"app/src/main.ts", "@nestjs/common", ""},
		{"pack/main.js", "Utils", "/pack/lib/u/index.js"},
		{"pack/main.js", "shared/a", "/pack/lib/shared/a.js"},
		{"pack/main.js", "Utils/x", ""}, // Utils$ matches exactly
	}
	for _, c := range cases {
		got := ""
		if f := p.ResolveSpec(files[c.from], c.spec); f != nil {
			got = f.Abs
		}
		if got != c.want {
			t.Errorf("%s: %q resolves to %q, want %q", c.from, c.spec, got, c.want)
		}
	}
}
