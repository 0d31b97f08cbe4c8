// A service worker's registration rejects when the script fails to load.
export function setup(button) {
  button.addEventListener("click", () => {
    Notification.requestPermission();
    navigator.serviceWorker.register("/sw.js"); // expect: floating-promise
  });
}
