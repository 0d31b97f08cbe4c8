import { prisma } from "./prisma";

class ConflictError extends Error {}

// Not a find-or-create: an existing tag is an error. The lookup is by a
// unique key (findUnique), so the loser of a race fails on that key
// instead, which is what the check wanted.
export async function createTag(name: string) {
  const existing = await prisma.tag.findUnique({ where: { name } });
  if (existing) {
    throw new ConflictError(`tag ${name} exists`);
  }
  return prisma.tag.create({ data: { name } });
}

type Res = { status(code: number): Res; json(body: unknown): Res };

// The found branch answers 409: the loser of a race gets a unique-key
// error instead, another failure of the same request.
export async function registerHandler(req: { body: { email: string } }, res: Res) {
  const taken = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (taken) {
    return res.status(409).json({ error: "email taken" });
  }
  const user = await prisma.user.create({ data: { email: req.body.email } });
  return res.status(201).json(user);
}

type Reply = { conflict(msg: string): Reply; code(n: number): Reply; send(body: unknown): Reply };

// @fastify/sensible's reply.conflict() answers 409 by name.
export async function registerRoute(req: { body: { email: string } }, reply: Reply) {
  const taken = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (taken) {
    void reply.conflict("email taken");
    return;
  }
  const user = await prisma.user.create({ data: { email: req.body.email } });
  return reply.code(201).send(user);
}
