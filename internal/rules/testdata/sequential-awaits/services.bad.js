import nodesService from "./nodesvc";

// Two reads of many records through the service object, independent of
// each other: running them together saves a whole query.
export async function compare(db, a, b) {
  const left = await nodesService.listFlows(db, a); // expect: sequential-awaits
  const right = await nodesService.countFlows(db, b);
  return left.length === right;
}

// Three lookups by key: together they save two round trips.
export async function threeFlows(db, a, b, c) {
  const x = await nodesService.getFlow(db, a); // expect: sequential-awaits
  const y = await nodesService.getFlow(db, b);
  const z = await nodesService.getFlow(db, c);
  return [x, y, z];
}
