import { Model } from "sequelize";
import { AuditedModel } from "./records-base";
import sequelize from "./records-db";

// Instances of a Sequelize model are made by the ORM for each row a query
// returns: an Invoice belongs to the request that loaded it, so filling
// one of its fields across an await shares nothing with other requests.
export class Invoice extends Model {
  declare customer: unknown;
  declare customerId: number;

  async loadCustomer() {
    this.customer = this.customer || (await sequelize.models.Customer.findByPk(this.customerId));
    return this.customer;
  }

  async settle() {
    return sequelize.transaction(async (transaction) => {
      await this.update({ settled: true }, { transaction });
    });
  }
}

// The same through a base class of the project that extends Model.
export class Refund extends AuditedModel<number> {
  declare invoice: unknown;
  declare invoiceId: number;

  async loadInvoice() {
    this.invoice = this.invoice || (await Invoice.findByPk(this.invoiceId));
    return this.invoice;
  }
}
