import OpenAI from "openai";
import { PrismaClient } from "@prisma/client";
import { client } from "./http";

const prisma = new PrismaClient();
const openai = new OpenAI();

// Two requests to a remote service: retrieve and list are its API, not a
// database's.
export async function describeAssistant(id: string) {
  const assistant = await openai.beta.assistants.retrieve(id); // expect: sequential-awaits
  const files = await openai.files.list();
  return { assistant, files };
}

// Three lookups by key: together they save two round trips.
export async function members(a: string, b: string, c: string) {
  const x = await prisma.user.findUnique({ where: { id: a } }); // expect: sequential-awaits
  const y = await prisma.user.findUnique({ where: { id: b } });
  const z = await prisma.user.findUnique({ where: { id: c } });
  return [x, y, z];
}

// Two requests through the project's axios instance: get() there is HTTP,
// not a database lookup.
export async function profile(id: string) {
  const user = await client.get(`/users/${id}`); // expect: sequential-awaits
  const teams = await client.get(`/users/${id}/teams`);
  return { user, teams };
}
