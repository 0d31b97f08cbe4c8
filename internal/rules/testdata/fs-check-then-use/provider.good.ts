// The storage a report archive writes to is an interface: racecheck does
// not know what its exists, unlink and writeFile do, whatever the
// parameter is called.
export interface Storage {
  exists(key: string): Promise<boolean>;
  unlink(key: string): Promise<void>;
  writeFile(key: string, body: Buffer): Promise<void>;
}

export async function replaceReport(fs: Storage, key: string, body: Buffer): Promise<void> {
  if (!(await fs.exists(key))) {
    await fs.writeFile(key, body);
  }
}

export function archive(fsp: Storage) {
  return async (key: string) => {
    if (!(await fsp.exists(key))) {
      return false;
    }
    await fsp.unlink(key);
    return true;
  };
}
