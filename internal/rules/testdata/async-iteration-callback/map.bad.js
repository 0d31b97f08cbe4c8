export async function chargeAll(orders, charge) {
  orders.map(async (o) => { // expect: async-iteration-callback
    await charge(o);
  });
  const pending = orders.map(async (o) => charge(o)); // expect: async-iteration-callback
  return "started";
}

export function refundAll(orders, refund) {
  orders.flatMap(async (o) => [await refund(o)]); // expect: async-iteration-callback
}
