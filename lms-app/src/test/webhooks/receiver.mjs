// A webhook receiver for WebhookIT. Every request to /hooks/<name> is verified with the
// independent `standardwebhooks` library against the secret registered for <name>; the receiver
// records what arrived and answers 204, or 503 while told to fail, or 500 forever for a name
// registered with alwaysFail. Control: POST /control/endpoints {name, secret, failNext, alwaysFail},
// POST /control/mode {name, alwaysFail} (switches failing on or off, keeping what arrived),
// GET /control/received?name=<name>. Prints "listening <port>" once ready.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const endpoints = new Map();

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://receiver');
  const body = await readBody(req);
  if (req.method === 'POST' && url.pathname === '/control/endpoints') {
    const e = JSON.parse(body);
    endpoints.set(e.name, {
      webhook: new Webhook(e.secret),
      failNext: e.failNext || 0,
      alwaysFail: !!e.alwaysFail,
      received: [],
    });
    return reply(res, 204);
  }
  if (req.method === 'POST' && url.pathname === '/control/mode') {
    const m = JSON.parse(body);
    const e = endpoints.get(m.name);
    if (!e) return reply(res, 404, { error: 'unknown endpoint' });
    e.alwaysFail = !!m.alwaysFail;
    return reply(res, 204);
  }
  if (req.method === 'GET' && url.pathname === '/control/received') {
    const e = endpoints.get(url.searchParams.get('name'));
    return e ? reply(res, 200, e.received) : reply(res, 404, { error: 'unknown endpoint' });
  }
  const match = url.pathname.match(/^\/hooks\/([a-z0-9-]+)$/);
  const e = match && endpoints.get(match[1]);
  if (req.method !== 'POST' || !e) {
    return reply(res, 404, { error: 'not found' });
  }
  const headers = {
    'webhook-id': req.headers['webhook-id'],
    'webhook-timestamp': req.headers['webhook-timestamp'],
    'webhook-signature': req.headers['webhook-signature'],
  };
  let verified = false;
  let payload = null;
  let error = null;
  try {
    payload = e.webhook.verify(body, headers);
    verified = true;
  } catch (err) {
    error = String(err && err.message ? err.message : err);
    try {
      payload = JSON.parse(body);
    } catch {
      payload = null;
    }
  }
  let status = 204;
  if (e.alwaysFail) {
    status = 500;
  } else if (e.failNext > 0) {
    e.failNext -= 1;
    status = 503;
  } else if (!verified) {
    status = 401;
  }
  e.received.push({
    webhookId: headers['webhook-id'] || null,
    timestamp: headers['webhook-timestamp'] || null,
    verified,
    error,
    status,
    contentType: req.headers['content-type'] || null,
    event: payload,
    receivedAt: new Date().toISOString(),
  });
  return reply(res, status, status === 204 ? undefined : { status });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
