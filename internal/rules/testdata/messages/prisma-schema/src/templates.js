import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The name is written through the spread: the lookup's key is
// (projectId, name), which the schema makes unique, so the duplicate
// check only changes which error the loser gets. Not reported.
export async function createTemplate(projectId, props) {
  const existing = await prisma.template.findFirst({ where: { projectId, name: props.name } });
  if (existing) {
    throw new Error("a template with that name already exists");
  }
  return prisma.template.create({ data: { projectId, ...props } });
}

// The lookup names the related tag, the create writes its id: the key is
// (tagId, noteId), the table's primary key.
export async function linkTag(tag, noteId) {
  const link = await prisma.tagsToNote.findFirst({ where: { tag, noteId } });
  if (!link) {
    await prisma.tagsToNote.create({ data: { tagId: tag.id, noteId } });
  }
}
