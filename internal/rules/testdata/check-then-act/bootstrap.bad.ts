import Fastify, { type FastifyInstance } from "fastify";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// Called once at start-up: the routes it registers still serve concurrent
// requests.
export function walletRoutes(app: FastifyInstance) {
  app.post("/wallets/:id/spend", async (req) => {
    const { id } = req.params as { id: string };
    const { amount } = req.body as { amount: number };
    const wallet = await prisma.wallet.findUnique({ where: { id } });
    if (!wallet || wallet.credits < amount) {
      throw new Error("insufficient credits");
    }
    await prisma.wallet.update({ where: { id }, data: { credits: wallet.credits - amount } }); // expect: check-then-act
  });
}

const app = Fastify();
walletRoutes(app);
app.listen({ port: 3000 });
