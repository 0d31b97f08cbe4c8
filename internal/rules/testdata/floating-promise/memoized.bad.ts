// The same generic memoizer, over a repository whose method awaits a
// request: a rejection skips the re-arm and the loop stops for good.
function lazy<T extends () => unknown>(fn: T): T {
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
  async sweep() {
    await fetch("https://archive.example.com/sweep", { method: "POST" });
  }
}

const getArchives = lazy(() => new Archives());

export async function runSweepLoop() {
  await getArchives().sweep();
  setTimeout(() => runSweepLoop(), 60_000); // expect: floating-promise
}

class Mailer {
  async send(to: string) {
    await fetch("https://mail.example.com/send", { method: "POST", body: to });
  }
}

const mailer = new Mailer();

function getMailer(): Mailer {
  return mailer;
}

// A method of what a function returns, dropped in a timer.
export function remindLater(to: string) {
  setTimeout(() => {
    getMailer().send(to); // expect: floating-promise
  }, 1000);
}
