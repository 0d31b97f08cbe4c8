// Shared by gates.good.ts: a memoized read.
import memoize from "lodash/memoize";

export const findSettings = memoize(async (db: any) => db.settings.findFirst({}));
