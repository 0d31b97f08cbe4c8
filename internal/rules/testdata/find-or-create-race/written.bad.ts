import { prisma } from "./prisma";

type TemplateInput = { name: string; body: string };

// The create writes what the lookup filtered on, through a spread of the
// input, a related record's id, or one of the lookup's alternatives.
export async function addTemplate(projectId: string, props: TemplateInput) {
  const existing = await prisma.template.findFirst({ where: { projectId, name: props.name } });
  if (existing) return existing;
  return prisma.template.create({ data: { projectId, ...props } }); // expect: find-or-create-race
}

export async function linkTag(tag: { id: number }, noteId: number) {
  const link = await prisma.tagsToNote.findFirst({ where: { tag, noteId } });
  if (!link) {
    await prisma.tagsToNote.create({ data: { tagId: tag.id, noteId } }); // expect: find-or-create-race
  }
}

export async function channelFor(accountId: string, externalId: string, name: string) {
  const channel = await prisma.channel.findFirst({ where: { accountId, OR: [{ externalId }, { name }] } });
  if (channel) return channel;
  return prisma.channel.create({ data: { accountId, externalId, name } }); // expect: find-or-create-race
}
