package rules

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// The project's own event bus awaits its handlers (and catches their
// errors): an async handler registered for one of its events hands its
// promise over. A Node EventEmitter ignores it, and an event the project
// never emits through its bus is not known to be the bus's.
func TestProjectDispatcherAwaitsHandlers(t *testing.T) {
	rule, ok := analysis.Lookup("floating-promise")
	if !ok {
		t.Fatal("floating-promise is not registered")
	}
	files := map[string]string{
		"package.json": `{"name": "shop"}`,
		"events.js": `async function runAll(name, funcs, args) {
  for (const func of funcs) {
    try {
      await func(...args);
    } catch (error) {
      console.error("handler of " + name + " failed", error);
    }
  }
}

class AppEvents {
  constructor() {
    this.handlers = {};
  }

  async emit(name, ...args) {
    if (!this.handlers[name]) return;
    await runAll(name, this.handlers[name].slice(0), args);
  }

  on(name, func) {
    if (!this.handlers[name]) this.handlers[name] = [];
    this.handlers[name].push(func);
  }
}

module.exports = new AppEvents();
`,
		"orders.ts": `export async function placeOrder(context: any, order: any) {
  await context.collections.Orders.insertOne(order);
  await context.appEvents.emit("afterOrderCreate", { order });
}
`,
		"startup.js": `const { EventEmitter } = require("events");
const bus = new EventEmitter();

async function sendReceipt(order) {
  await fetch("https://mail.example.com/receipt/" + order._id, { method: "POST" });
}

module.exports = function startup(context) {
  const { appEvents } = context;
  appEvents.on("afterOrderCreate", async ({ order }) => {
    await sendReceipt(order);
  });
  appEvents.on("afterOrderShipped", async ({ order }) => {
    await sendReceipt(order);
  });
  bus.on("afterOrderCreate", async ({ order }) => {
    await sendReceipt(order);
  });
};
`,
	}
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.Run(engine.Options{Paths: []string{dir}, Rules: []*analysis.Rule{rule}})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, f := range res.Findings {
		if filepath.Base(f.File) != "startup.js" {
			t.Errorf("unexpected finding %s:%d %s", f.File, f.Line, f.Message)
			continue
		}
		got = append(got, f.Line)
	}
	sort.Ints(got)
	if want := []int{13, 16}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("floating-promise at startup.js lines %v, want %v (the event the bus never emits, and the EventEmitter)", got, want)
	}
}
