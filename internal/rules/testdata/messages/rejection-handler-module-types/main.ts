import "./errors";
import type { start } from "./jobs";

export type Start = typeof start;
