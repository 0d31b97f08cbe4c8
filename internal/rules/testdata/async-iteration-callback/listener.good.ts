import { EventEmitter } from "node:events";

interface Space {
  onDiscussionCreated(id: string): Promise<void>;
}

const queue = new EventEmitter();
const spaces: Space[] = [];

// The emitter drops the listener's promise, the callback handles its own
// errors, and the fan-out is the listener's last step: nothing waits for
// the work or runs after it.
queue.on("discussion.created", async (id: string) => {
  if (spaces.length === 0) {
    return;
  }
  spaces.map(async (space) => {
    try {
      await space.onDiscussionCreated(id);
    } catch (err) {
      console.warn("space failed to take the discussion", err);
    }
  });
});
