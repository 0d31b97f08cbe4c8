const mongoose = require("mongoose");

const vendorSchema = new mongoose.Schema({
  email: { type: String, required: true, unique: true },
  name: { type: String },
  region: { type: String },
});
vendorSchema.index({ region: 1, slug: 1 }, { unique: true });

const Vendor = mongoose.model("Vendor", vendorSchema);

module.exports = { Vendor };
