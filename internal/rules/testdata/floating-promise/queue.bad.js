const { Queue } = require("bullmq");

const emails = new Queue("emails");

async function notify(userId) {
  emails.add("welcome", { userId }); // expect: floating-promise
  return { queued: true };
}

async function notifyAll(userIds) {
  await Promise.all(userIds.map((userId) => emails.add("welcome", { userId })));
}

module.exports = { notify, notifyAll };
