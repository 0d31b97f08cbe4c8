import stream from "node:stream";

export class Upper extends stream.Transform {
  constructor(private convert: (s: string) => Promise<string>) {
    super();
  }

  _transform(chunk: Buffer, _encoding: string, callback: (err: Error | null, out?: string) => void) {
    this.convert(chunk.toString())
      .then((out) => callback(null, out))
      .catch(callback);
  }
}
