export async function verifyPassword(member: { hash?: string }, password: string): Promise<boolean> {
  return member.hash === password;
}

export async function hashPassword(password: string): Promise<string> {
  return `hashed:${password}`;
}

export async function checkHash(hash: string, password: string): Promise<"ok" | "outdated" | "bad"> {
  return hash.startsWith("v1:") ? "outdated" : hash === password ? "ok" : "bad";
}
