import * as api from "./api-client";

// A parameter typed through a namespace of the project's own module is no
// library object: its two reads are paired like an untyped parameter's.
export async function billing(client: api.BillingClient, id: string) {
  const members = await client.fetchMembers(id); // expect: sequential-awaits
  const invoices = await client.fetchInvoices(id);
  return { members, invoices };
}
