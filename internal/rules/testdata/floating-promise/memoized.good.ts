// A repository made once through the project's own generic memoizer: the
// loop awaits a method that returns nothing, so its await cannot reject
// and the timer that re-arms it loses nothing.
function lazy<T extends () => unknown>(fn: T, key?: string): T {
  let made = false;
  let value: unknown;
  return (() => {
    if (!made) {
      value = fn();
      made = true;
    }
    return value;
  }) as T;
}

class Archives {
  private expired: string[] = [];

  sweep() {
    this.expired.length = 0;
  }
}

const getArchives = lazy(() => new Archives(), "archives");

export async function runSweepLoop() {
  await getArchives().sweep();
  setTimeout(() => runSweepLoop(), 60_000);
}
