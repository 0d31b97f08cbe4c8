import type { Request, Response } from "express";
import { PrismaClient } from "@prisma/client";
import { Webhook } from "svix";

const prisma = new PrismaClient();
const wh = new Webhook(process.env.RECORDER_WEBHOOK_SECRET ?? "");

declare function requestTranscript(recordingId: string): Promise<void>;

// The effect runs only for the request whose conditional update claimed
// the recording: a redelivery finds transcriptRequestedAt set, updates no
// row, and returns before it.
export async function recordingReady(req: Request, res: Response) {
  const event = wh.verify(req.body, req.headers as Record<string, string>) as { data: { botId: string } };
  const recording = await prisma.recording.findFirst({ where: { botId: event.data.botId } });
  if (!recording) return res.sendStatus(200);
  const claim = await prisma.recording.updateMany({
    where: { id: recording.id, transcriptRequestedAt: null },
    data: { transcriptRequestedAt: new Date() },
  });
  if (claim.count === 0) return res.sendStatus(200);
  await requestTranscript(recording.id);
  return res.sendStatus(200);
}
