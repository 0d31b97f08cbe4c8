import nodesService from "./nodesvc";

// Two reads of the database through the service object, independent of
// each other.
export async function compare(db, a, b) {
  const left = await nodesService.getFlow(db, a); // expect: sequential-awaits
  const right = await nodesService.getFlow(db, b);
  return left.version === right.version;
}
