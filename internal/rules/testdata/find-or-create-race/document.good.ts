import { Collection } from "mongodb";

interface Receipt {
  _id: string;
  userId: string;
}

interface ReceiptsModule {
  findReceiptById(id: string): Promise<Receipt | null>;
  createReceipt(doc: Receipt): Promise<string>;
}

// The receipt is stored under the store's receipt id as its _id: MongoDB
// keeps _id unique, so a second concurrent redemption fails on the key as
// the check would.
export async function redeem(receipts: Collection<Receipt>, receiptId: string, userId: string) {
  const used = await receipts.findOne({ _id: receiptId });
  if (used) {
    throw new Error("receipt already redeemed");
  }
  await receipts.insertOne({ _id: receiptId, userId });
}

// The same through a module's functions, known by their interface only.
export async function redeemVia(modules: { receipts: ReceiptsModule }, receiptId: string, userId: string) {
  const used = await modules.receipts.findReceiptById(receiptId);
  if (used) {
    throw new Error("receipt already redeemed");
  }
  await modules.receipts.createReceipt({ _id: receiptId, userId });
}
