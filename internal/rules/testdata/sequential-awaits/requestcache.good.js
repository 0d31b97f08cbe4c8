import { getLocale } from "next-intl/server";
import { getI18n } from "./i18n";

export async function generateMetadata({ db, slug }) {
  const locale = await getLocale();
  const t = await getI18n();
  const page = await db.page.findFirst({ where: { slug, locale } });
  return { title: t("title"), page };
}
