import express from "express";
import { withdraw } from "@shop/wallet";
import { createPayment } from "./payments";
import { webhooks } from "./webhooks";
import { product } from "./catalog";
import { startSweeper } from "./notifications";

const app = express();
app.use("/webhooks", webhooks);
app.use(express.json());

app.post("/wallets/:userId/withdraw", async (req, res, next) => {
  try {
    res.json({ balance: await withdraw(req.params.userId, Number(req.body.amount)) });
  } catch (err) {
    next(err);
  }
});

app.post("/payments", createPayment);

app.get("/products/:id", async (req, res, next) => {
  try {
    res.json(await product(req.params.id));
  } catch (err) {
    next(err);
  }
});

startSweeper();
app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
