// version is part of the revision's key (featureId, version), not a
// concurrency counter: the update sets other fields and leaves it alone.
export async function schedule(Revisions, organization, featureId, version, when) {
  await Revisions.updateOne({ organization, featureId, version }, { $set: { scheduledAt: when } });
}
