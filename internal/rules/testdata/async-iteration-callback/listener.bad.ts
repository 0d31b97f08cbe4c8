import { EventEmitter } from "node:events";

interface Space {
  onDiscussionCreated(id: string): Promise<void>;
}

const queue = new EventEmitter();
const spaces: Space[] = [];
let handled = 0;

// The listener goes on after the fan-out, as if the spaces had the
// discussion already.
queue.on("discussion.created", async (id: string) => {
  spaces.map(async (space) => { // expect: async-iteration-callback
    try {
      await space.onDiscussionCreated(id);
    } catch (err) {
      console.warn("space failed to take the discussion", err);
    }
  });
  handled++;
});
