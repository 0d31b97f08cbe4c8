export async function hashPassword(p: string): Promise<string> {
  const res = await fetch("https://hash.example.com", { method: "POST", body: p });
  return res.text();
}

export async function audit(row: object): Promise<void> {
  await fetch("https://audit.example.com", { method: "POST", body: JSON.stringify(row) });
}
