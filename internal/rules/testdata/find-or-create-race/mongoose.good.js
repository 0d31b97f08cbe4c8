const { Vendor } = require("./models/vendor");

// The schema makes email unique: the loser of a race fails on the key
// instead of the check, the outcome the check wanted.
async function addVendor(email, name) {
  const existing = await Vendor.findOne({ email });
  if (existing) {
    throw new Error("a vendor with this email already exists");
  }
  return Vendor.create({ email, name });
}

module.exports = { addVendor };
