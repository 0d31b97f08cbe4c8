import { existsSync, writeFileSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";

const dir = process.env.INVOICE_DIR ?? "/tmp/invoices";

// BUG: another worker can create the file between the check and the write.
export function writeInvoiceOnce(orderId: string, pdf: Buffer): string {
  const file = path.join(dir, `${orderId}.pdf`);
  if (!existsSync(file)) {
    writeFileSync(file, pdf);
  }
  return file;
}

// Correct: exclusive create fails if the file exists.
export async function writeInvoiceExclusive(orderId: string, pdf: Buffer): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  try {
    const fh = await open(path.join(dir, `${orderId}.pdf`), "wx");
    try {
      await fh.writeFile(pdf);
    } finally {
      await fh.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}
