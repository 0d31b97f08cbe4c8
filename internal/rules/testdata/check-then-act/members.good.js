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

const Account = mongoose.model("Account", new mongoose.Schema({ id: String, wallets: [{ address: String }] }));

// The member is found by a search held in a constant; the $pull of what it
// found is a no-op if another request removed it first.
async function removeWallet(id, address) {
  const account = await Account.findOne({ id });
  if (!account) return null;
  const entry = account.wallets.find((w) => w.address.toLowerCase() === address.toLowerCase());
  if (!entry) return null;
  return Account.findOneAndUpdate({ id }, { $pull: { wallets: { address: entry.address } } }, { new: true });
}

module.exports = { linkFeature, unlinkFeature, removeWallet };
