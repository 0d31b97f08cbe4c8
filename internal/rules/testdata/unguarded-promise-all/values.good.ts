import set from "lodash/set";
import cloneDeep from "lodash/cloneDeep";
import bcrypt from "bcryptjs";

interface HookContext {
  data: unknown;
}

// Each element's password is hashed and set on a copy of the element:
// lodash's set changes a value in memory; the service stores the result
// after the hook, once.
export const hashPassword = (field: string) => async (context: HookContext, next: () => Promise<void>) => {
  const addHashedPassword = async (item: Record<string, unknown>) => {
    const hash = await bcrypt.hash(String(item[field]), 10);
    return set(cloneDeep(item), field, hash);
  };
  const data = context.data;
  context.data = Array.isArray(data) ? await Promise.all(data.map(addHashedPassword)) : await addHashedPassword(data as Record<string, unknown>);
  return next();
};
