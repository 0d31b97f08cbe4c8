import { Model } from "sequelize";

export abstract class AuditedModel<T> extends Model {
  declare auditId: T;
}
