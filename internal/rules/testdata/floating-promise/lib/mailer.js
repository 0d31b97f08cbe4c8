// A helper module exporting async functions through module.exports.
async function sendReceipt(order) {
  const res = await fetch("http://127.0.0.1:9000/mail", { method: "POST", body: JSON.stringify(order) });
  if (!res.ok) throw new Error(`mail failed: ${res.status}`);
}

// Handles its own errors: calling it without await loses nothing.
async function sendReceiptQuietly(order) {
  try {
    await sendReceipt(order);
  } catch (err) {
    console.error("receipt failed", err);
  }
}

function formatReceipt(order) {
  return `Order ${order.id}`;
}

module.exports = { sendReceipt, sendReceiptQuietly, formatReceipt };
