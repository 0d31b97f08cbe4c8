import BigNumber from "bignumber.js";

// Synchronous arithmetic through a library: no request, no write.
export class MathBN {
  static div(a: number, b: number) {
    const n = new BigNumber(a);
    return n.dividedBy(b);
  }
}

export function fromSmallestUnit(amount: number, currency: string) {
  const decimals = currency === "JPY" ? 0 : 2;
  return MathBN.div(amount, 10 ** decimals).toNumber();
}
