// Awaits in a loop (retries, pagination) are sequential on purpose.
async function retry(fn, attempts) {
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i === attempts - 1) throw err;
    }
  }
}

async function pages(api) {
  let cursor;
  const out = [];
  do {
    const page = await api.fetchPage(cursor);
    const meta = await api.fetchMeta(page.id);
    out.push(page, meta);
    cursor = page.next;
  } while (cursor);
  return out;
}

// A stream or cursor is consumed in order.
async function twoLines(reader) {
  const first = await reader.read();
  const second = await reader.read();
  return [first, second];
}

// Calls that hand over one connection queue on it anyway.
async function versions(pool, getSchemaVersion, getClientVersion) {
  const client = await pool.connect();
  try {
    const schema = await getSchemaVersion(client);
    const minimum = await getClientVersion(client);
    return { schema, minimum };
  } finally {
    client.release();
  }
}

// A helper that may answer the request itself must run first.
async function feed(req, res, getUser, getUidFromToken) {
  const user = await getUser(req.params.id);
  const token = await getUidFromToken(req, res);
  return { user, token };
}

// Something happens between the reads.
async function guarded(api, id) {
  const user = await api.getUser(id);
  if (!user) throw new Error("no user");
  const posts = await api.getPosts(id);
  return { user, posts };
}

module.exports = { retry, pages, twoLines, versions, feed, guarded };
