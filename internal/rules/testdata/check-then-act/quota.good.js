const { db } = require("./db");

// The nested create adds a membership for another role than the one
// counted: the new workspace is not one the count counts.
async function createGuestWorkspace(userId, name) {
  const owned = await db.workspace.count({ where: { members: { some: { userId, role: "ADMIN" } } } });
  if (owned >= 2) throw new Error("limit");
  return db.workspace.create({ data: { name, members: { create: [{ userId, role: "GUEST" }] } } });
}

// An existence test in disguise (count > 0) decides no create here: it
// only picks the name.
async function createNamed(userId, name) {
  const owned = await db.workspace.count({ where: { ownerId: userId } });
  const label = owned > 0 ? name : "My first workspace";
  return db.workspace.create({ data: { ownerId: userId, name: label } });
}

module.exports = { createGuestWorkspace, createNamed };
