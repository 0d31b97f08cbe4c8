let streaming;

// Two concurrent first calls both ask the server; both store the same flag.
async function supportsStreaming(client) {
  if (streaming === undefined) {
    const info = await client.getServerInfo();
    streaming = !!info && info.version >= 3 && !info.legacy;
  }
  return streaming;
}

module.exports = { supportsStreaming };
