// A fetch helper that writes only when asked to: the method is read by
// early returns, and a dry run only checks.
export async function call(path, body, method = "GET", dryRun = false) {
  if (method === "GET") {
    const res = await fetch(path);
    return res.json();
  }
  if (dryRun) {
    return (await fetch(`${path}/check`)).json();
  }
  if (method === "DELETE") {
    return (await fetch(path, { method: "DELETE" })).json();
  }
  const res = await fetch(path, { method: "PUT", body: JSON.stringify(body) });
  return res.json();
}

export const load = (path) => call(path);
export const check = (path, body) => call(path, body, "PUT", true);
export const save = (path, body) => call(path, body, "PUT");
