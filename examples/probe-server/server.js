// A tiny coupon service with a race condition, for trying racecheck probe.
//
//   node examples/probe-server/server.js      (PORT defaults to 3000)
//
// Endpoints:
//   POST /redeem       racy: checks that the coupon has uses left, awaits
//                      a file-system call (standing in for a database query), then
//                      decrements. Concurrent requests all pass the check.
//   POST /redeem-safe  safe: takes the use synchronously, before awaiting.
//   POST /coupons      creates a coupon: {"uses": 1} -> {"code": "..."}
//   GET  /state        {"code", "remaining", "redeemed"} (?code=... or the
//                      default coupon WELCOME10)
//   POST /reset        restores the default coupon (1 use) and drops others
//   GET  /arrivals     how far apart the redeem handlers reached their check
//                      since the last reset: {"count", "spreadMs"}
//
// Bodies are JSON: {"code": "WELCOME10"}; without a body the default coupon
// is used. The server speaks HTTP/1.1 and HTTP/2 without TLS (h2c with prior
// knowledge) on the same port, and uses no packages outside Node itself.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const http2 = require('node:http2');
const net = require('node:net');
const crypto = require('node:crypto');

const DEFAULT_CODE = 'WELCOME10';
let coupons;
let arrivals;

function reset() {
  coupons = new Map([[DEFAULT_CODE, { remaining: 1, redeemed: 0 }]]);
  arrivals = [];
}
reset();

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJSON(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  if (data.trim() === '') return {};
  return JSON.parse(data);
}

// stands in for a database round trip
function slowLookup() {
  return fs.promises.stat(__filename);
}

async function redeem(req, res, safe) {
  const body = await readJSON(req);
  const code = body.code || DEFAULT_CODE;
  arrivals.push(process.hrtime.bigint());
  const coupon = coupons.get(code);
  if (!coupon) return send(res, 404, { error: 'no such coupon' });
  if (safe) {
    // check and act together, before any await
    if (coupon.remaining <= 0) return send(res, 409, { error: 'coupon already used' });
    coupon.remaining--;
    coupon.redeemed++;
    await slowLookup();
    return send(res, 200, { ok: true, code, remaining: coupon.remaining });
  }
  if (coupon.remaining <= 0) return send(res, 409, { error: 'coupon already used' });
  await slowLookup(); // the check above is stale once this resolves
  coupon.remaining--;
  coupon.redeemed++;
  send(res, 200, { ok: true, code, remaining: coupon.remaining });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const route = `${req.method} ${url.pathname}`;
  try {
    switch (route) {
      case 'POST /redeem':
        return await redeem(req, res, false);
      case 'POST /redeem-safe':
        return await redeem(req, res, true);
      case 'POST /coupons': {
        const body = await readJSON(req);
        const code = 'C' + crypto.randomBytes(4).toString('hex');
        const uses = Number.isInteger(body.uses) && body.uses > 0 ? body.uses : 1;
        coupons.set(code, { remaining: uses, redeemed: 0 });
        return send(res, 201, { code, uses });
      }
      case 'GET /state': {
        const code = url.searchParams.get('code') || DEFAULT_CODE;
        const coupon = coupons.get(code);
        if (!coupon) return send(res, 404, { error: 'no such coupon' });
        return send(res, 200, { code, remaining: coupon.remaining, redeemed: coupon.redeemed });
      }
      case 'POST /reset':
        for await (const _ of req); // drain
        reset();
        return send(res, 200, { ok: true });
      case 'GET /arrivals': {
        const sorted = [...arrivals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const spread = sorted.length ? Number(sorted[sorted.length - 1] - sorted[0]) / 1e6 : 0;
        return send(res, 200, { count: sorted.length, spreadMs: spread });
      }
      default:
        return send(res, 404, { error: 'not found' });
    }
  } catch (err) {
    send(res, 400, { error: String(err.message || err) });
  }
}

const h1 = http.createServer(handle);
const h2 = http2.createServer(handle);

// One port for both protocols: a connection that starts with the HTTP/2
// preface ("PRI * HTTP/2.0") goes to the HTTP/2 server.
const server = net.createServer((socket) => {
  socket.once('data', (chunk) => {
    socket.pause();
    socket.unshift(chunk);
    if (chunk.subarray(0, 3).toString('latin1') === 'PRI') {
      h2.emit('connection', socket); // the session reads the buffered bytes itself
    } else {
      h1.emit('connection', socket);
      socket.resume();
    }
  });
  socket.on('error', () => {});
});

const port = Number(process.env.PORT || 3000);
server.listen(port, '127.0.0.1', () => {
  console.log(`probe example server on http://127.0.0.1:${server.address().port}`);
});
