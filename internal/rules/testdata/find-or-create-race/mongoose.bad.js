const { Vendor } = require("./models/vendor");

// No key covers the name: two concurrent calls both add the vendor.
async function addByName(name, region) {
  const existing = await Vendor.findOne({ name });
  if (existing) {
    throw new Error("a vendor with this name already exists");
  }
  return Vendor.create({ name, region }); // expect: find-or-create-race
}

module.exports = { addByName };
