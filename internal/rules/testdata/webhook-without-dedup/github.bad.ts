import { Webhooks } from "@octokit/webhooks";
import { Webhook } from "svix";
import { db } from "./db";
import { mailer } from "./mailer";

const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET ?? "" });

webhooks.on("issues.opened", async ({ payload }) => { // expect: webhook-without-dedup
  await db.ticket.create({ data: { title: payload.issue.title, source: payload.issue.html_url } });
});

const wh = new Webhook(process.env.SVIX_SECRET ?? "");

export async function POST(request: Request): Promise<Response> { // expect: webhook-without-dedup
  const body = await request.text();
  const msg = wh.verify(body, Object.fromEntries(request.headers)) as { type: string; data: { email: string } };
  if (msg.type === "user.created") {
    await mailer.sendWelcome(msg.data.email);
  }
  return new Response(null, { status: 204 });
}

export { webhooks };
