import { PDFDocument } from "pdf-lib";
import * as prettier from "prettier";

// pdf-lib parses bytes already in memory on the JavaScript thread: loading
// two documents together takes as long as one after the other.
export async function merge(a: Uint8Array, b: Uint8Array): Promise<Uint8Array> {
  const first = await PDFDocument.load(a);
  const second = await PDFDocument.load(b);
  const pages = await first.copyPages(second, second.getPageIndices());
  pages.forEach((p) => first.addPage(p));
  return first.save();
}

// prettier formats text in memory.
export async function formatPair(js: string, css: string) {
  const a = await prettier.format(js, { parser: "babel" });
  const b = await prettier.format(css, { parser: "css" });
  return [a, b];
}
