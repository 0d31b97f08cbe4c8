import { renderThumb, measureThumb } from "./thumbs";

type Box = { width: number; height: number };

// A scratch object shared by the callbacks of one call: every callback reads
// it before its first await (while no callback has written yet) and after
// its own write, so no callback can see another's value.
export async function renderAll(sizes: Box[], original: Box): Promise<string[]> {
  const current = { width: original.width, height: original.height };
  const out: string[] = [];
  await Promise.all(
    sizes.map(async (size) => {
      const width = size.width || current.width;
      const height = size.height || current.height;
      const info = await measureThumb(width, height);
      current.height = info.height;
      current.width = info.width;
      out.push(await renderThumb(current.width, current.height));
    }),
  );
  return out;
}

// A per-call object is not shared at all.
export async function tally(ids: string[]): Promise<number> {
  const acc = { total: 0 };
  for (const id of ids) {
    const before = acc.total;
    const n = await measureThumb(1, Number(id));
    acc.total = before + n.width;
  }
  return acc.total;
}
