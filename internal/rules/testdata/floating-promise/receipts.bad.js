const { sendReceipt } = require("./lib/mailer");

describe("receipts", () => {
  it("sends a receipt", async () => {
    sendReceipt({ id: 1 }); // expect: floating-promise
  });
});

function rethrowing(listener) {
  listener.on("data", async (chunk) => { // expect: floating-promise
    if (!chunk) throw new Error("empty chunk");
    await sendReceipt({ id: chunk.id });
  });
}

function copyLater(order) {
  try {
    sendReceipt(order); // expect: floating-promise
  } catch (err) {
    console.error("never reached: the rejection is asynchronous", err);
  }
}

module.exports = { rethrowing, copyLater };
