import asCallback from "standard-as-callback";

type Callback<T> = (err: Error | null, value?: T) => void;

interface Store {
  get(key: string): Promise<string>;
  waitReady(cb: (err?: Error) => void): void;
}

// The returned promise carries the callback.
export function readWhenReady(store: Store, key: string, callback?: Callback<string>): Promise<string> {
  return asCallback(
    new Promise<string>((resolve, reject) => {
      store.waitReady((err) => {
        if (err) {
          reject(err);
          return;
        }
        readWhenReady(store, key).then(resolve, reject);
      });
    }),
    callback,
  );
}

// A promise only without a callback.
export function read(store: Store, key: string, cb?: Callback<string>): Promise<string> | void {
  if (typeof cb === "function") {
    store.get(key).then((v) => cb(null, v), cb);
    return;
  }
  return new Promise<string>((resolve, reject) => {
    store.get(key).then(resolve, reject);
  });
}

export class Loader {
  constructor(private store: Store) {}

  async load(key: string, done: Callback<string>) {
    try {
      const value = await this.store.get(key);
      done(null, value);
    } catch (err) {
      done(err as Error);
    }
  }
}

export function authorize(token: string, next: (err?: Error) => void) {
  if (!token) {
    return next(new Error("no token"));
  }
  next();
}

// The promise held in a variable is attached to the callback.
export function readLater(store: Store, key: string, callback?: Callback<string>): Promise<string> {
  const promise = new Promise<string>((resolve, reject) => {
    store.waitReady((err) => (err ? reject(err) : resolve(key)));
  });
  if (callback) {
    promise.then((v) => callback(null, v), callback);
  }
  return promise;
}
