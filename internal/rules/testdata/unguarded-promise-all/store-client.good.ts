import type { Storage } from "unstorage";
import type { TableClient } from "@azure/data-tables";

// A library's client carries each write to its store: writes of
// different keys through it do not depend on each other, and deletes or
// puts run again complete a batch that stopped half way.
export function sessionStore(storage: Storage) {
  return {
    async unlink(userId: string, accountId: string) {
      await Promise.all([
        storage.removeItem(`account:${accountId}`),
        storage.removeItem(`account-by-user:${userId}`),
      ]);
    },
  };
}

export function userTable(client: TableClient) {
  return {
    async add(email: string, id: string) {
      await Promise.all([
        client.upsertEntity({ partitionKey: "by-email", rowKey: email, id }),
        client.upsertEntity({ partitionKey: "user", rowKey: id, email }),
      ]);
    },
  };
}
