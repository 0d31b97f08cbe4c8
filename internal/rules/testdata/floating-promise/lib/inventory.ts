export interface InventoryClient {
  reserve(sku: string, qty: number): Promise<void>;
  available(sku: string): number;
}
