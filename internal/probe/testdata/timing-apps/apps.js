// Three apps, one per framework, each with the arrival-time middleware of
// docs/probe-timing.md and the same route: POST /hit answers {"ok":true}.
// Prints one line: {"express":PORT,"fastify":PORT,"koa":PORT,"fastify_h2c":PORT}.
'use strict';

async function startExpress() {
  // timing:express:start
  const express = require('express');
  const app = express();
  app.use(express.json());
  // after the body parser: the moment the route handler can start
  app.use((req, res, next) => {
    res.set('X-Arrival-Ns', process.hrtime.bigint().toString());
    next();
  });
  // timing:express:end
  app.post('/hit', (req, res) => res.json({ ok: true }));
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function startFastify() {
  // timing:fastify:start
  const fastify = require('fastify')();
  fastify.addHook('preHandler', async (request, reply) => {
    reply.header('X-Arrival-Ns', process.hrtime.bigint().toString());
  });
  // timing:fastify:end
  fastify.post('/hit', async () => ({ ok: true }));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return fastify.server.address().port;
}

// The same hook on Fastify over h2c (HTTP/2 without TLS).
async function startFastifyH2C() {
  const fastify = require('fastify')({ http2: true });
  fastify.addHook('preHandler', async (request, reply) => {
    reply.header('X-Arrival-Ns', process.hrtime.bigint().toString());
  });
  fastify.post('/hit', async () => ({ ok: true }));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return fastify.server.address().port;
}

async function startKoa() {
  // timing:koa:start
  const Koa = require('koa');
  const app = new Koa();
  app.use(async (ctx, next) => {
    ctx.set('X-Arrival-Ns', process.hrtime.bigint().toString());
    await next();
  });
  // timing:koa:end
  app.use(async (ctx) => {
    if (ctx.method === 'POST' && ctx.path === '/hit') {
      ctx.body = { ok: true };
    }
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

(async () => {
  const ports = {
    express: await startExpress(),
    fastify: await startFastify(),
    koa: await startKoa(),
    fastify_h2c: await startFastifyH2C(),
  };
  console.log(JSON.stringify(ports));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
