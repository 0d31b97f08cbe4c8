// The app's federation, made by Fedify's factory in a module of its own.
import { createFederation, MemoryKvStore } from "@fedify/fedify";

export const federation = createFederation<void>({ kv: new MemoryKvStore() });
