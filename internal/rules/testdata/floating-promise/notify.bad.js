// A poller that sets a flag and clears it only when the request succeeds:
// one failed request leaves the flag set and stops the polling for good.
async function load(url) {
  const res = await globalThis.fetch(url);
  return res.json();
}

export function poll(url) {
  const view = document.querySelector("#feed");
  let busy = false;
  setInterval(() => {
    if (busy) return;
    busy = true;
    load(url).then((data) => { // expect: floating-promise
      view.textContent = String(data.count);
      busy = false;
    });
  }, 1000);
}
