// Shared by services.good.ts and services.bad.js: a service module that
// exports its functions as one default object.
const pool: Record<string, { category: string }> = {};

// Filters an in-memory pool: async, but it awaits nothing.
const getNodesForCategory = async (category: string) => {
  const out = [];
  for (const name in pool) {
    if (pool[name].category === category) out.push(pool[name]);
  }
  return out;
};

// A lookup by key: one cheap round trip.
const getFlow = async (db: any, id: string) => db.flow.findFirst({ where: { id } });

// A read of many records.
const listFlows = async (db: any, projectId: string) => db.flow.findMany({ where: { projectId } });

// A count of many records.
const countFlows = async (db: any, projectId: string) => db.flow.count({ where: { projectId } });

// Async, but it returns a value: serialising memory is no I/O.
const getCatalogText = async () => JSON.stringify(pool);

export default { getNodesForCategory, getFlow, listFlows, countFlows, getCatalogText };
