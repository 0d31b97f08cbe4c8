const { Command } = require("commander");
const { db } = require("./db");

const program = new Command();

program
  .command("disable-user <name>")
  .action(async (name) => {
    const user = await db.user.findFirst({ where: { name } });
    if (user && user.active) {
      await db.user.update({ where: { id: user.id }, data: { active: false, disabledCount: user.disabledCount + 1 } });
    }
  });

program.parse();
