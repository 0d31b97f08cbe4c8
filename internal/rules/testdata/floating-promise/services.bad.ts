import { enqueueJob, jobLabel } from "./lib";
import type { InventoryClient } from "./lib/inventory";

export class CheckoutService {
  onSaved?: (id: string) => Promise<void>;

  constructor(private readonly inventory: InventoryClient) {}

  async checkout(id: string, sku: string): Promise<void> {
    this.inventory.reserve(sku, 1); // expect: floating-promise
    this.inventory.available(sku);
    enqueueJob("checkout", { id }); // expect: floating-promise
    jobLabel("checkout");
    this.audit(id); // expect: floating-promise
    this.onSaved?.(id); // expect: floating-promise
  }

  private async audit(id: string): Promise<void> {
    await enqueueJob("audit", { id });
  }
}

export function scheduleReports(send: (to: string) => Promise<void>) {
  setInterval(() => {
    send("ops@example.com"); // expect: floating-promise
  }, 3_600_000);
}
