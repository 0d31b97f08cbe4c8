
const { PrismaClient } = require("@prisma/client");
const { Webhook } = require("svix");

const prisma = new PrismaClient();
const wh = new Webhook(process.env.RECORDER_WEBHOOK_SECRET);

const { requestTranscript } = require("./transcripts");

// The effect runs only for the request whose conditional update claimed
// the recording: a redelivery finds transcriptRequestedAt set, updates no
// row, and returns before it.
async function recordingReady(req, res) {
  const event = wh.verify(req.body, req.headers);
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
module.exports = { recordingReady };
