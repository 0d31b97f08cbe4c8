import { prisma } from "./prisma";

// The found branch throws, but nothing says the name is unique: two
// concurrent calls can both find nothing and both create.
export async function createProject(orgId: string, name: string) {
  const existing = await prisma.project.findFirst({ where: { orgId, name } });
  if (existing) {
    throw new Error("a project of that name exists");
  }
  return prisma.project.create({ data: { orgId, name } }); // expect: find-or-create-race
}

type Res = { status(code: number): Res; json(body: unknown): Res };

// The found branch answers 200 with the record: a get-or-create whose
// loser fails on the unique key instead of getting the record.
export async function profileHandler(req: { body: { userId: string } }, res: Res) {
  const found = await prisma.profile.findUnique({ where: { userId: req.body.userId } });
  if (found) {
    return res.status(200).json(found);
  }
  const created = await prisma.profile.create({ data: { userId: req.body.userId } }); // expect: find-or-create-race
  return res.status(201).json(created);
}

type Reply = { code(n: number): Reply; send(body: unknown): Reply };

// Sending the found record is a get-or-create, whatever statement sends it.
export async function profileRoute(req: { body: { userId: string } }, reply: Reply) {
  const found = await prisma.profile.findUnique({ where: { userId: req.body.userId } });
  if (found) {
    void reply.send(found);
    return;
  }
  const created = await prisma.profile.create({ data: { userId: req.body.userId } }); // expect: find-or-create-race
  return reply.code(201).send(created);
}
