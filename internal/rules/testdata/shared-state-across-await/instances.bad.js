import { fetchPage } from "./remote";

// One Catalog serves every request: it is created at module level.
class Catalog {
  constructor() {
    this.pages = [];
  }

  async add(n) {
    this.pages = [...this.pages, await fetchPage(n)]; // expect: shared-state-across-await
  }
}

export const catalog = new Catalog();

// A framework-managed service is shared too, wherever it is created.
@Injectable()
export class Feed {
  items = [];

  async more(n) {
    this.items = [...this.items, await fetchPage(n)]; // expect: shared-state-across-await
  }
}

export async function handler(n) {
  const feed = new Feed();
  await feed.more(n);
}

// Created per build, but its methods run as event listeners: two events can
// interleave on the one instance.
class Publisher {
  constructor(packager) {
    this.published = [];
    packager.onArtifact((event) => this.publish(event));
  }

  async publish(event) {
    this.published = [...this.published, await fetchPage(event.n)]; // expect: shared-state-across-await
  }
}

export async function build(packager) {
  const publisher = new Publisher(packager);
  await packager.run();
  return publisher;
}
