let current: string | null = null;

export async function applySetting(item: { id: string } | null, kind: "preset" | "assistant" | "remove"): Promise<void> {
  if (kind === "assistant" && item) {
    const res = await fetch(`https://api.example.com/assistants/${item.id}`, { method: "POST" });
    current = (await res.json()).id;
  } else {
    current = item ? item.id : null;
  }
}

// With these arguments every await of applySetting is in a branch that
// does not run: the call settles at once and cannot reject.
export function resetEvery(ms: number) {
  setInterval(() => {
    applySetting(null, "remove");
  }, ms);
}

export function current_(): string | null {
  return current;
}
