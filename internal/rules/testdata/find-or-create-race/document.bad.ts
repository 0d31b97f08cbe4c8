import { Collection, ObjectId } from "mongodb";

interface Receipt {
  _id: ObjectId;
  transactionId: string;
}

// Looked up by a field no index makes unique, and created with a fresh
// _id: two concurrent redemptions both store the receipt.
export async function redeem(receipts: Collection<Receipt>, transactionId: string) {
  const used = await receipts.findOne({ transactionId });
  if (used) {
    throw new Error("receipt already redeemed");
  }
  await receipts.insertOne({ _id: new ObjectId(), transactionId }); // expect: find-or-create-race
}
