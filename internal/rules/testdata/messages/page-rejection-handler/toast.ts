export function toast(message: string): void {
  const el = document.createElement("div");
  el.textContent = message;
  document.body.append(el);
}
