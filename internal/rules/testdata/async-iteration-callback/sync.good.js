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

// The helper is async but its body is synchronous: the options are added
// when each call returns, and the callback ends with the await.
async function addOption(select, device) {
  const option = document.createElement("option");
  option.value = device.deviceId;
  option.textContent = device.label || device.kind;
  select.appendChild(option);
}

function listCameras(select, devices) {
  devices.forEach(async (device) => {
    if (device.kind !== "videoinput") return;
    await addOption(select, device);
  });
  return select.options.length;
}

module.exports.listCameras = listCameras;
