// The executor takes reject but never calls it: the promise cannot reject
// while the function awaits something else.
async function serveUntilClosed(load, onClose) {
  let close;
  const closed = new Promise((resolve, reject) => {
    close = resolve;
  });
  onClose(() => close());
  await load();
  await closed;
}

async function listFiles(dir) {
  const res = await fetch(`https://files.example.com/list?dir=${dir}`);
  return res.json();
}

async function upload(name) {
  const res = await fetch(`https://files.example.com/${name}`, { method: "PUT" });
  if (!res.ok) throw new Error("upload failed");
}

// The for loop's initializer runs once: the loop itself awaits nothing.
async function uploadAll(dir) {
  const uploads = [];
  for (let names = await listFiles(dir), i = 0; i < names.length; i++) {
    uploads.push(upload(names[i]));
  }
  await Promise.all(uploads);
}

module.exports = { serveUntilClosed, uploadAll };
