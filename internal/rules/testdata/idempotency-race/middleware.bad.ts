import type { NextFunction, Request, Response } from "express";
import { db } from "./db";

export async function idempotency(req: Request, res: Response, next: NextFunction) {
  const idempotencyKey = req.headers["idempotency-key"] as string | undefined;
  if (!idempotencyKey || req.method === "GET") return next();

  const existing = await db.idempotencyKey.findUnique({ where: { key: idempotencyKey } });
  if (existing) {
    return res.status(existing.statusCode).json(existing.body);
  }

  const originalJson = res.json.bind(res);
  res.json = (body: unknown) => {
    db.idempotencyKey
      .create({ data: { key: idempotencyKey, statusCode: res.statusCode, body: body as object } }) // expect: idempotency-race
      .catch(console.error);
    return originalJson(body);
  };
  next();
}
