const { prisma } = require("./prisma");

const credentials = prisma.apiCredential;

// The constant holds Prisma's delegate for ApiCredential: apiKey is unique.
async function register(ownerId, apiKey, name) {
  const existing = await credentials.findFirst({ where: { apiKey } });
  if (existing) {
    throw new Error("this API key is already registered");
  }
  return credentials.create({ data: { ownerId, apiKey, name } });
}

class Credentials {
  constructor(db) {
    this.table = db.apiCredential;
  }

  async add(ownerId, apiKey) {
    if (await this.table.findFirst({ where: { apiKey } })) {
      throw new Error("this API key is already registered");
    }
    return this.table.create({ data: { ownerId, apiKey, name: apiKey.slice(0, 6) } });
  }
}

module.exports = { register, Credentials };
