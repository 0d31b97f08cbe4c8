import { command, string } from "@drizzle-team/brocli";
import { and, eq } from "drizzle-orm";
import { db } from "./db";
import { users } from "./schema";

// A CLI command: the process runs the one command the user typed, once,
// so nothing else of it runs between the lookup and the write.
export const resetPassword = command({
  name: "reset-password",
  options: { username: string("username").required() },
  handler: async (options) => {
    const user = await db.query.users.findFirst({
      where: and(eq(users.name, options.username), eq(users.provider, "credentials")),
    });
    if (!user?.password) {
      console.error(`User ${options.username} not found`);
      return;
    }
    await db.update(users).set({ password: "reset" }).where(eq(users.id, user.id));
  },
});
