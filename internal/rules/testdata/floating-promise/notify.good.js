// Notification.requestPermission resolves with the user's answer and is
// never rejected: dropping its promise loses nothing.
export function askOnce(button) {
  button.addEventListener("click", () => {
    Notification.requestPermission((result) => {
      button.textContent = result;
    });
  });
}
