import { fetchPage, type Page } from "./remote";

// The entry is claimed synchronously, right after the check and before the
// first await: a second call finds it and returns, so only one fetch runs.
const fetching: Record<string, boolean> = {};
const pages = new Map<string, Page | "pending">();

export async function download(id: string): Promise<void> {
  if (fetching[id]) return;
  fetching[id] = true;
  await fetchPage(Number(id));
  fetching[id] = false;
}

export async function page(id: string): Promise<Page | "pending"> {
  const have = pages.get(id);
  if (have !== undefined) return have;
  pages.set(id, "pending");
  const page = await fetchPage(Number(id));
  pages.set(id, page);
  return page;
}
