import { getMessages } from "next-intl/server";
import { getScopedI18n } from "./i18n";

// next-intl caches these per request: after the layout's first call they
// answer from memory, so there is nothing to run together.
export default async function SettingsPage({ db, id }: { db: any; id: string }) {
  const t = await getScopedI18n("settings");
  const board = await db.board.findFirst({ where: { id } });
  return { title: t("title"), board };
}

export async function Layout() {
  const messages = await getMessages();
  const t = await getScopedI18n("layout");
  return { messages, t };
}
