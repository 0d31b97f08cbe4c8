import asCallback from "standard-as-callback";

type Callback<T> = (err: Error | null, value?: T) => void;

interface Store {
  get(key: string): Promise<string>;
  waitReady(cb: (err?: Error) => void): void;
}

export function read(store: Store, key: string, cb: Callback<string>): void {
  store
    .get(key)
    .then((v) => cb(null, v))
    .catch(cb); // expect: promise-callback-bridge
}

export function readWhenReady(store: Store, key: string, callback?: Callback<string>): Promise<string> {
  if (!store) {
    return asCallback(Promise.reject(new Error("closed")), callback);
  }
  return new Promise<string>((resolve, reject) => { // expect: promise-callback-bridge
    store.waitReady((err) => {
      if (err) {
        reject(err);
        return;
      }
      readWhenReady(store, key, callback).then(resolve, reject);
    });
  });
}

export class Loader {
  constructor(private store: Store) {}

  async load(key: string, done: Callback<string>) { // expect: promise-callback-bridge
    if (!key) return done(new Error("no key"));
    const value = await this.store.get(key);
    if (!value) throw new Error(`missing ${key}`);
    done(null, value);
  }
}

export function authorize(token: string, next: (err?: Error) => void) {
  if (!token) {
    next(new Error("no token"));
  }
  next(); // expect: promise-callback-bridge
}

function Traced(): MethodDecorator {
  return () => {};
}

export class Exporter {
  constructor(private store: Store) {}

  @Traced()
  async export(key: string, cb: Callback<string>) { // expect: promise-callback-bridge
    if (!key) return cb(new Error("no key"));
    const body = await this.store.get(key);
    cb(null, body);
  }
}

export function printValue(store: Store, key: string) {
  read(store, key, (err, v) => {
    if (err) throw new Error(`read ${key}: ${err.message}`);
    console.log(v);
  });
}
