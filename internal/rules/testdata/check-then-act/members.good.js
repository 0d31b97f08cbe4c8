const mongoose = require("mongoose");

const Experiment = mongoose.model("Experiment", new mongoose.Schema({ id: String, linkedFeatures: [String] }));

// A membership check in front of an atomic $addToSet / $pull: a stale
// check only adds a member already there or skips removing one already
// gone, which changes nothing.
async function linkFeature(id, featureId) {
  const exp = await Experiment.findOne({ id });
  if (!exp || exp.linkedFeatures.includes(featureId)) return;
  await Experiment.updateOne({ id }, { $addToSet: { linkedFeatures: featureId } });
}

async function unlinkFeature(id, featureId) {
  const exp = await Experiment.findOne({ id });
  if (!exp || !exp.linkedFeatures.includes(featureId)) return;
  await Experiment.updateOne({ id }, { $pull: { linkedFeatures: featureId } });
}

module.exports = { linkFeature, unlinkFeature };
