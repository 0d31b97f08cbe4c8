export async function enqueueJob(name: string, payload: unknown): Promise<string> {
  const res = await fetch("http://127.0.0.1:9000/jobs", { method: "POST", body: JSON.stringify({ name, payload }) });
  return res.text();
}

export function jobLabel(name: string): string {
  return name.toUpperCase();
}
