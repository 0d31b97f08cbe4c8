// A command-line entry point: main() runs once, from the module's top level,
// so its check-then-write does not race with another call of itself. (The
// folder's name plays no part: the same code anywhere is not reported.)
const fs = require("fs");

async function emit(file, body) {
  if (!(await fs.promises.access(file).then(() => true, () => false))) {
    await fs.promises.writeFile(file, body);
  }
}

async function main() {
  await emit(process.argv[2], "generated\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
