// Shared by requestcache.good.ts and requestcache.good.js: next-intl's
// translation getter re-exported under the names the app uses.
import { getTranslations } from "next-intl/server";

export const { getI18n, getScopedI18n } = {
  getI18n: getTranslations,
  getScopedI18n: getTranslations,
};
