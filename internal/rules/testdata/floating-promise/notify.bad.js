// A service worker's registration rejects when the script fails to load.
export function setup(button) {
  button.addEventListener("click", () => {
    Notification.requestPermission();
    navigator.serviceWorker.register("/sw.js"); // expect: floating-promise
  });
}

// fetch reached through the global object is fetch.
async function load(url) {
  const res = await globalThis.fetch(url);
  return res.json();
}

export function poll(url) {
  setInterval(() => load(url), 1000); // expect: floating-promise
}
