async function dashboard(client, teamId) {
  const members = await client.fetchMembers(teamId); // expect: sequential-awaits
  const invoices = await client.fetchInvoices(teamId);
  return { members, invoices };
}

async function summary(db, userId) {
  const user = await db.users.findById(userId);
  const org = await db.orgs.findById(user.orgId);
  const projects = await db.projects.listByOrg(org.id); // expect: sequential-awaits
  const audits = await db.audits.countByOrg(org.id);
  return { user, org, projects, audits };
}

module.exports = { dashboard, summary };
