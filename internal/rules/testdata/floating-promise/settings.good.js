export async function toggle(flag, mode = "local") {
  if (mode === "remote") {
    await fetch("https://api.example.com/flags", { method: "PUT", body: String(flag) });
  }
  return flag;
}

// The default mode never awaits: nothing can reject.
export function flip(flag) {
  setTimeout(() => {
    toggle(!flag);
  }, 10);
}
