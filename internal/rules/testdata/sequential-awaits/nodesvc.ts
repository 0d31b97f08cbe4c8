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

// A real read.
const getFlow = async (db: any, id: string) => db.flow.findFirst({ where: { id } });

export default { getNodesForCategory, getFlow };
