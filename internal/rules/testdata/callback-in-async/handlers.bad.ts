import { readFile } from "fs";
import * as zlib from "zlib";

export async function loadTemplate(name: string) {
  readFile(`templates/${name}.html`, "utf8", (err, html) => { // expect: callback-in-async
    if (err) throw new Error(`template ${name} missing`);
    return html;
  });
}

export class Archiver {
  async compress(data: Buffer) {
    zlib.gzip(data, async (err, out) => { // expect: callback-in-async
      if (err) throw err;
      return out;
    });
  }
}

// A completion callback that tests its error before throwing it is still one.
export async function loadKey(path: string) {
  readFile(path, (err, buf) => { // expect: callback-in-async
    if (err) {
      throw err;
    }
  });
}
