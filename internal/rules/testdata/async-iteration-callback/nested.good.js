// Spread into Promise.all's array: every upload is awaited.
export async function archiveAll(projects, storage, audit) {
  const uploads = projects.map(async (p) => {
    await storage.upload(p.id, p.data);
  });
  await Promise.all([audit.log("archive"), ...uploads]);
}

// A plain callback whose results are ids, not promises.
export async function tagAll(projects, audit) {
  const ids = projects.map((p) => p.id);
  await Promise.all([ids, audit.log("tag")]);
}
