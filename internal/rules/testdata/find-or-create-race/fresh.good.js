const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// The invitations are looked up by the organisation this call has just
// created: no other request knows its id yet.
async function createOrganization(name, emails) {
  const org = await prisma.organization.create({ data: { name } });
  for (const email of emails) {
    const invited = await prisma.invitation.findFirst({ where: { organizationId: org.id, email } });
    if (!invited) {
      await prisma.invitation.create({ data: { organizationId: org.id, email } });
    }
  }
  return org;
}
module.exports = { createOrganization };
