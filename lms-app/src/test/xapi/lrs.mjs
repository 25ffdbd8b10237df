// A Learning Record Store endpoint for XapiIT. POST <path>/statements takes one statement or an
// array, as xAPI 1.0.3 says: Basic authentication (LRS_KEY/LRS_SECRET) or 401, the
// X-Experience-API-Version header (1.0.x) or 400, and every statement is checked with Learning
// Locker's xAPI validation library (@learninglocker/xapi-validation, independent of Lectern); any
// warning rejects the whole batch with 400. Ids already stored are not stored again: the same
// statement again is accepted (200), a different one under a stored id gets 409. Control, for
// the test: POST /control {failNext, storeThenFailNext} makes the next requests answer 503 (the
// second kind after storing, as when an answer is lost); GET /control/requests and
// GET /control/statements return what arrived; POST /control/reset clears the request log.
// Prints "listening <port>" once ready.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validate = require('@learninglocker/xapi-validation').default;

const KEY = process.env.LRS_KEY;
const SECRET = process.env.LRS_SECRET;
const PATH = (process.env.LRS_PATH || '/xapi').replace(/\/+$/, '');

const stored = new Map(); // id -> { statement, storedAt, requestNo }
const order = []; // ids in the order stored
let requests = [];
let requestNo = 0;
let failNext = 0;
let storeThenFailNext = 0;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

// Stable text of a statement for comparing a resend with what is stored.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function authorised(header) {
  const expected = 'Basic ' + Buffer.from(`${KEY}:${SECRET}`, 'utf8').toString('base64');
  return header === expected;
}

function statements(req, body) {
  const log = {
    no: ++requestNo,
    at: new Date().toISOString(),
    version: req.headers['x-experience-api-version'] || null,
    contentType: req.headers['content-type'] || null,
    authorised: authorised(req.headers.authorization),
    ids: [],
    status: 0,
    warnings: [],
  };
  requests.push(log);
  const answer = (status, payload) => {
    log.status = status;
    return [status, payload];
  };
  if (!log.authorised) return answer(401, { error: 'authentication required' });
  if (!/^1\.0(\.\d+)?$/.test(log.version || '')) {
    return answer(400, { error: 'X-Experience-API-Version 1.0.x required' });
  }
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return answer(400, { error: 'not JSON' });
  }
  const batch = Array.isArray(parsed) ? parsed : [parsed];
  log.ids = batch.map((s) => (s && s.id) || null);
  if (failNext > 0) {
    failNext -= 1;
    return answer(503, { error: 'told to fail' });
  }
  batch.forEach((s, i) => {
    for (const w of validate(s)) {
      log.warnings.push({
        index: i,
        path: Array.isArray(w.path) ? w.path.join('.') : String(w.path),
        kind: w.constructor ? w.constructor.name : 'Warning',
      });
    }
  });
  if (log.warnings.length > 0) return answer(400, { error: 'invalid statement', warnings: log.warnings });
  const ids = new Set();
  for (const s of batch) {
    if (!s.id) return answer(400, { error: 'this LRS test endpoint expects statement ids' });
    if (ids.has(s.id)) return answer(400, { error: `id ${s.id} twice in one batch` });
    ids.add(s.id);
    const existing = stored.get(s.id);
    if (existing && canonical(existing.statement) !== canonical(s)) {
      return answer(409, { error: `id ${s.id} is stored with other content` });
    }
  }
  for (const s of batch) {
    if (!stored.has(s.id)) {
      stored.set(s.id, { statement: s, storedAt: new Date().toISOString(), request: log.no });
      order.push(s.id);
    } else {
      log.resent = (log.resent || 0) + 1;
    }
  }
  if (storeThenFailNext > 0) {
    storeThenFailNext -= 1;
    return answer(503, { error: 'stored, but told to fail' });
  }
  return answer(200, batch.map((s) => s.id));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://lrs');
  const body = await readBody(req);
  if (req.method === 'POST' && url.pathname === '/control') {
    const c = JSON.parse(body || '{}');
    failNext = c.failNext || 0;
    storeThenFailNext = c.storeThenFailNext || 0;
    return reply(res, 204);
  }
  if (req.method === 'POST' && url.pathname === '/control/reset') {
    requests = [];
    return reply(res, 204);
  }
  if (req.method === 'GET' && url.pathname === '/control/requests') return reply(res, 200, requests);
  if (req.method === 'GET' && url.pathname === '/control/statements') {
    return reply(res, 200, order.map((id) => ({ id, ...stored.get(id) })));
  }
  if (req.method === 'POST' && url.pathname === `${PATH}/statements`) {
    const [status, payload] = statements(req, body);
    return reply(res, status, payload);
  }
  return reply(res, 404, { error: 'not found' });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
