export async function archiveAll(projects, storage, audit) {
  const uploads = projects.map(async (p) => { // expect: async-iteration-callback
    await storage.upload(p.id, p.data);
  });
  await Promise.all([audit.log("archive"), uploads]);
}

async function expire(session) {
  await session.store.expire(session.id);
}

// A plain callback that returns a promise makes an array of promises too.
export function expireAll(sessions, audit) {
  const expiring = sessions.map((s) => expire(s)); // expect: async-iteration-callback
  return Promise.all([expiring, audit.log("expire")]);
}
