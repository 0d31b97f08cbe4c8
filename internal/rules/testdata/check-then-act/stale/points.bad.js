const { Member } = require("./models");

// Adds to the balance of a member loaded by the caller and saves it.
async function addPoints(member, points) {
  member.points = member.points + points;
  await member.save(); // expect: check-then-act
}

async function rewardPurchase(memberId, order) {
  const member = await Member.findByPk(memberId);
  await sendReceipt(order);
  await addPoints(member, order.total);
}

async function sendReceipt(order) {
  await fetch("https://mail.example.com/receipt/" + order.id);
}

module.exports = { rewardPurchase };
