import { Controller, Headers, Post, Req } from "@nestjs/common";
import Stripe from "stripe";

type Orders = {
  findByPaymentIntent(ctx: unknown, id: string): Promise<{ state: string } | undefined>;
  settle(ctx: unknown, id: string): Promise<void>;
  withTransaction<T>(fn: (ctx: unknown) => Promise<T>): Promise<T>;
};

@Controller("payments")
export class StripeController {
  constructor(private readonly stripe: Stripe, private readonly orders: Orders, private readonly connection: { transaction<T>(fn: (ctx: unknown) => Promise<T>): Promise<T> }) {}

  // Deduplicated by the order's state, checked inside the transaction that settles it.
  @Post("stripe")
  async webhook(@Headers("stripe-signature") signature: string, @Req() req: { rawBody: Buffer }) {
    const event = this.stripe.webhooks.constructEvent(req.rawBody, signature, process.env.SECRET ?? "");
    const intent = event.data.object as Stripe.PaymentIntent;
    await this.connection.transaction(async (ctx) => {
      const order = await this.orders.findByPaymentIntent(ctx, intent.id);
      if (!order || order.state === "PaymentSettled") return;
      await this.orders.settle(ctx, intent.id);
    });
  }

  // Updating a record to absolute values is harmless to repeat.
  @Post("stripe-customer")
  async customer(@Headers("stripe-signature") signature: string, @Req() req: { rawBody: Buffer }) {
    const event = this.stripe.webhooks.constructEvent(req.rawBody, signature, process.env.SECRET ?? "");
    const customer = event.data.object as Stripe.Customer;
    await this.updateCustomerEmail(customer.id, customer.email ?? "");
  }

  private async updateCustomerEmail(id: string, email: string) {
    return { id, email };
  }

  // A verification helper: its callers are the handlers.
  verify(raw: Buffer, signature: string): Stripe.Event {
    return this.stripe.webhooks.constructEvent(raw, signature, process.env.SECRET ?? "");
  }
}
