// Fire-and-forget calls outside async functions: in a plain function and
// inside a .then callback.
async function notify(userId) {
  const res = await fetch(`https://hooks.example.com/users/${userId}`, { method: "POST" });
  if (!res.ok) throw new Error("notify failed");
}

function onSignup(user) {
  notify(user.id); // expect: floating-promise
  return user;
}

function afterSave(saving) {
  return saving.then((user) => {
    notify(user.id); // expect: floating-promise
    return user;
  });
}

module.exports = { onSignup, afterSave };
