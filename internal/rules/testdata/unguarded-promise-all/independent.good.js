// A notification per subscriber: each insert stands alone.
export async function notifyAll(db, subscribers, event) {
  await Promise.all(subscribers.map((s) => db.notifications.insert({ userId: s.id, event: event.id })));
}

// The same absolute value for every element: running it again converges.
export async function renameAll(db, items, name) {
  await Promise.all(items.map((item) => db.items.update(item.id, { title: item.title, name })));
}
