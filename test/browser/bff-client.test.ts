/**
 * BffClient on its real transport seam: every test passes a hand-written `fetch` that scripts the
 * BFF's answers and records what the client sent, so token handling, sharing of identical requests,
 * abort, retries, the cache and error mapping are observed from the outside.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { BffClient, BffRequestError } from '../../src/client/bff-client.ts';

interface Call {
  url: string;
  init: RequestInit;
  at: number;
  authorization: string | undefined;
}

type Answer = (call: Call, index: number) => Response | Promise<Response>;

/** A scripted transport: answers with `answer`, records each call. */
function transport(answer: Answer): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fake = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const call = { url: String(input), init, at: performance.now(), authorization: headers.get('authorization') ?? undefined };
    calls.push(call);
    return answer(call, calls.length - 1);
  }) as typeof fetch;
  return { fetch: fake, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** An unsigned JWT-shaped token expiring `seconds` from now (the client only reads `exp`). */
function token(seconds: number, id: string): string {
  const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ exp: Math.floor(Date.now() / 1000) + seconds, jti: id })}.sig`;
}

/** A transport whose answers the test releases by hand; each call rejects when its signal aborts. */
function heldTransport() {
  const pending: { resolve: (r: Response) => void; signal: AbortSignal }[] = [];
  const { fetch, calls } = transport(
    (call) =>
      new Promise<Response>((resolve, reject) => {
        const signal = call.init.signal!;
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        pending.push({ resolve, signal });
      }),
  );
  return { fetch, calls, pending };
}

/** Settles: 'resolved:<value>' or 'rejected:<name>', to assert on outcomes without races. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => `resolved:${JSON.stringify(value)}`,
    (error: Error) => `rejected:${error?.name}`,
  );

describe('BffClient', () => {
  describe('tokens', () => {
    it('fetches a token once and reuses it while it is valid', async () => {
      let issued = 0;
      const { fetch, calls } = transport(() => json({ ok: true }));
      const client = new BffClient({ endpoint: '/api/composio/', fetch, fetchToken: async () => token(3600, `t${++issued}`) });
      await client.post('usage/summary', { a: 1 });
      await client.post('usage/summary', { a: 2 });
      await client.get('logs/tool_execution/log_1');
      expect(issued).to.equal(1);
      expect(calls).to.have.length(3);
      expect(new Set(calls.map((c) => c.authorization)).size).to.equal(1);
      expect(calls[0].authorization).to.match(/^Bearer .+\..+\.sig$/);
      expect(calls[0].url).to.equal('/api/composio/usage/summary');
      expect(calls[2].url).to.equal('/api/composio/logs/tool_execution/log_1');
    });

    it('fetches a fresh token when the current one expires within 30 s', async () => {
      const tokens: string[] = [];
      const { fetch, calls } = transport(() => json({ ok: true }));
      const client = new BffClient({
        endpoint: '/api/composio',
        fetch,
        fetchToken: async () => (tokens.push(token(20, `t${tokens.length}`)), tokens.at(-1)!),
      });
      await client.post('usage/summary', { a: 1 });
      await client.post('usage/summary', { a: 2 });
      expect(tokens).to.have.length(2);
      expect(calls.map((c) => c.authorization)).to.deep.equal(tokens.map((t) => `Bearer ${t}`));
    });

    it('retries exactly once after a 401, with a fresh token', async () => {
      const tokens: string[] = [];
      const fetchToken = async () => (tokens.push(token(3600, `t${tokens.length}`)), tokens.at(-1)!);
      const once = transport((_, i) =>
        i === 0 ? json({ error: { message: 'Embed token expired', code: 10401, slug: 'Unauthorized', status: 401 } }, 401) : json({ n: i }),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch: once.fetch, fetchToken });
      expect(await client.post('usage/summary', {})).to.deep.equal({ n: 1 });
      expect(tokens).to.have.length(2);
      expect(once.calls.map((c) => c.authorization)).to.deep.equal(tokens.map((t) => `Bearer ${t}`));

      // a second 401 is final: no third attempt
      const always = transport(() => json({ error: { message: 'Unauthorized', code: 10401, slug: 'Unauthorized', status: 401 } }, 401));
      const client2 = new BffClient({ endpoint: '/api/composio', fetch: always.fetch, fetchToken });
      const error = await client2.post('usage/summary', {}).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BffRequestError);
      expect((error as BffRequestError).status).to.equal(401);
      expect(always.calls).to.have.length(2);
    });
  });

  describe('shared in-flight requests', () => {
    it('makes one fetch for two identical callers', async () => {
      const { fetch, calls, pending } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const a = client.post('usage/summary', { from: 1 }, new AbortController().signal);
      const b = client.post('usage/summary', { from: 1 }, new AbortController().signal);
      await waitUntil(() => pending.length === 1, 'the shared fetch started');
      pending[0].resolve(json({ total: '3' }));
      expect(await a).to.deep.equal({ total: '3' });
      expect(await b).to.deep.equal({ total: '3' });
      expect(calls).to.have.length(1);
    });

    it('aborting one caller leaves the other and the fetch running', async () => {
      const { fetch, calls, pending } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const first = new AbortController();
      const a = outcome(client.post('usage/summary', { from: 1 }, first.signal));
      const b = client.post('usage/summary', { from: 1 }, new AbortController().signal);
      await waitUntil(() => pending.length === 1, 'the shared fetch started');
      first.abort();
      expect(await a).to.equal('rejected:AbortError');
      expect(pending[0].signal.aborted).to.equal(false);
      pending[0].resolve(json({ total: '3' }));
      expect(await b).to.deep.equal({ total: '3' });
      expect(calls).to.have.length(1);
    });

    it('aborting every caller aborts the fetch', async () => {
      const { fetch, pending } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const one = new AbortController();
      const two = new AbortController();
      const a = outcome(client.post('usage/summary', { from: 1 }, one.signal));
      const b = outcome(client.post('usage/summary', { from: 1 }, two.signal));
      await waitUntil(() => pending.length === 1, 'the shared fetch started');
      one.abort();
      expect(pending[0].signal.aborted).to.equal(false);
      two.abort();
      expect(pending[0].signal.aborted).to.equal(true);
      expect([await a, await b]).to.deep.equal(['rejected:AbortError', 'rejected:AbortError']);
    });

    // A double-clicked Retry: refresh() aborts the request in flight and at once starts the same
    // request again. It must get a fetch of its own, not join the one just aborted.
    it('a request identical to one whose last caller just aborted starts a fresh fetch', async () => {
      const { fetch, calls, pending } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const old = new AbortController();
      const stale = outcome(client.post('usage/summary', { from: 1 }, old.signal));
      await waitUntil(() => pending.length === 1, 'the first fetch started');
      old.abort();
      const fresh = outcome(client.post('usage/summary', { from: 1 }, new AbortController().signal));
      expect(await stale).to.equal('rejected:AbortError');
      await waitUntil(() => pending.length === 2, 'a second fetch started for the new caller');
      expect(pending[0].signal.aborted).to.equal(true);
      expect(pending[1].signal.aborted).to.equal(false);

      // the aborted request settling must not drop the new one from the shared map:
      // a third identical caller joins the second fetch
      const joined = client.post('usage/summary', { from: 1 }, new AbortController().signal);
      pending[1].resolve(json({ total: '7' }));
      expect(await fresh).to.equal('resolved:{"total":"7"}');
      expect(await joined).to.deep.equal({ total: '7' });
      expect(calls).to.have.length(2);
    });
  });

  describe('retries', () => {
    it('waits out Retry-After on a 429, then retries', async () => {
      const { fetch, calls } = transport((_, i) =>
        i === 0 ? new Response('{"message":"Rate limit exceeded"}', { status: 429, headers: { 'retry-after': '1' } }) : json({ ok: i }),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      expect(await client.post('usage/summary', {})).to.deep.equal({ ok: 1 });
      expect(calls).to.have.length(2);
      // the retry is scheduled 1000 ms after the 429; timers may fire a little early or late
      expect(calls[1].at - calls[0].at).to.be.within(990, 3000);
    });

    it('gives up on a 503 whose Retry-After exceeds maxRetryAfterMs, reporting the delay', async () => {
      const { fetch, calls } = transport(() =>
        json(
          { error: { message: 'Upstream unavailable', code: 10503, slug: 'ServiceUnavailable', status: 503, request_id: 'req_503' } },
          503,
          { 'retry-after': '30' },
        ),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch, maxRetryAfterMs: 5_000 });
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.status).to.equal(503);
      expect(error.retryAfterSeconds).to.equal(30);
      expect(calls).to.have.length(1);
    });

    for (const [status, retryAfter] of [
      [502, null],
      [504, null],
      [503, null],
      [502, '1'],
    ] as const) {
      it(`does not retry a ${status}${retryAfter ? ' even with Retry-After' : ' without Retry-After'}: the BFF already did`, async () => {
        const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
        const { fetch, calls } = transport(() =>
          json({ error: { message: 'Upstream failed', code: 10502, slug: 'BadGateway', status } }, status, headers),
        );
        const client = new BffClient({ endpoint: '/api/composio', fetch });
        const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
        expect(error.status).to.equal(status);
        expect(calls).to.have.length(1);
      });
    }

    it('ends a request that hangs at its deadline, with an error to show', async () => {
      const { fetch, calls } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch, deadlineMs: 300 });
      const started = performance.now();
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.status).to.equal(504);
      expect(error.message).to.match(/did not answer/);
      expect(performance.now() - started).to.be.within(250, 2_000);
      expect(calls).to.have.length(1);
    });

    it('ends a request at its deadline even when the transport ignores its signal', async () => {
      // a host's fetch (or an in-page BFF) that never looks at init.signal must not hold the spinner up
      const { fetch, calls } = transport(() => new Promise<Response>(() => undefined));
      const client = new BffClient({ endpoint: '/api/composio', fetch, deadlineMs: 300 });
      const started = performance.now();
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.status).to.equal(504);
      expect(performance.now() - started).to.be.within(250, 2_000);
      expect(calls).to.have.length(1);
    });

    it('ends a request at its deadline when the host’s fetchToken never answers', async () => {
      const { fetch, calls } = transport(() => Response.json({ ok: true }));
      const fetchToken = () => new Promise<string>(() => undefined);
      const client = new BffClient({ endpoint: '/api/composio', fetch, fetchToken, deadlineMs: 300 });
      const started = performance.now();
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.status).to.equal(504);
      expect(performance.now() - started).to.be.within(250, 2_000);
      expect(calls, 'nothing is sent without a token').to.have.length(0);
    });

    it('does not wait out a Retry-After that would pass the deadline', async () => {
      const { fetch, calls } = transport(() => new Response('{"message":"slow down"}', { status: 429, headers: { 'retry-after': '2' } }));
      const client = new BffClient({ endpoint: '/api/composio', fetch, deadlineMs: 1_000 });
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error.status).to.equal(429);
      expect(error.retryAfterSeconds).to.equal(2);
      expect(calls).to.have.length(1);
    });

    it('with maxRetryAfterMs 0 (the elements) a 429 comes back at once, with its Retry-After in seconds or as an HTTP date', async () => {
      const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
      const cases: [string, [number, number] | undefined][] = [
        ['3', [3, 3]],
        ['1.5', [1.5, 1.5]],
        [inTenSeconds, [9, 10]],
        ['soon', undefined],
      ];
      for (const [header, range] of cases) {
        const { fetch, calls } = transport(
          () => new Response('{"message":"slow down"}', { status: 429, headers: { 'retry-after': header } }),
        );
        const client = new BffClient({ endpoint: '/api/composio', fetch, maxRetryAfterMs: 0 });
        const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
        expect(error.status).to.equal(429);
        if (range) expect(error.retryAfterSeconds, header).to.be.within(...range);
        else expect(error.retryAfterSeconds, header).to.equal(undefined);
        expect(calls).to.have.length(1);
      }
    });

    it('a streamed request (an export) that is busy reports its Retry-After too', async () => {
      const { fetch } = transport(() =>
        json({ error: { message: 'Too many requests', code: 10429, slug: 'RateLimitExceeded', status: 429 } }, 429, { 'retry-after': '7' }),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const error = (await client
        .stream('logs/tool_execution/export', {}, new AbortController().signal)
        .catch((e: unknown) => e)) as BffRequestError;
      expect(error.status).to.equal(429);
      expect(error.retryAfterSeconds).to.equal(7);
    });

    it('an abort during the Retry-After wait rejects without another fetch', async () => {
      const { fetch, calls } = transport(() => new Response('{"message":"slow down"}', { status: 503, headers: { 'retry-after': '5' } }));
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const controller = new AbortController();
      const result = outcome(client.post('usage/summary', {}, controller.signal));
      await waitUntil(() => calls.length === 1, 'first attempt made');
      controller.abort();
      expect(await result).to.equal('rejected:AbortError');
      expect(calls).to.have.length(1);
    });
  });

  describe('cache', () => {
    it('serves an identical call from the cache until cleared', async () => {
      const { fetch, calls } = transport((_, i) => json({ n: i }));
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      expect(await client.post('usage/summary', { from: 1 })).to.deep.equal({ n: 0 });
      expect(await client.post('usage/summary', { from: 1 })).to.deep.equal({ n: 0 });
      expect(calls).to.have.length(1);
      expect(await client.post('usage/summary', { from: 2 })).to.deep.equal({ n: 1 });
      client.clearCache();
      expect(await client.post('usage/summary', { from: 1 })).to.deep.equal({ n: 2 });
      expect(calls).to.have.length(3);
    });

    it('after clearCache (a Retry) an identical call reaches the server instead of joining one in flight', async () => {
      const { fetch, calls, pending } = heldTransport();
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const first = outcome(client.post('usage/summary', { from: 1 }));
      await waitUntil(() => pending.length === 1, 'the first call is sent');
      client.clearCache();
      const second = outcome(client.post('usage/summary', { from: 1 }));
      await waitUntil(() => pending.length === 2, 'the retry is sent, not joined');
      pending[0].resolve(json({ error: { message: 'down', status: 500 } }, 500));
      pending[1].resolve(json({ n: 1 }));
      expect(await first).to.equal('rejected:BffRequestError');
      expect(await second).to.equal('resolved:{"n":1}');
      expect(calls).to.have.length(2);
    });

    it('refetches once cacheTtlMs has passed', async () => {
      const { fetch, calls } = transport((_, i) => json({ n: i }));
      const client = new BffClient({ endpoint: '/api/composio', fetch, cacheTtlMs: 100 });
      expect(await client.post('usage/summary', {})).to.deep.equal({ n: 0 });
      expect(await client.post('usage/summary', {})).to.deep.equal({ n: 0 });
      expect(calls).to.have.length(1);
      const cachedAt = Date.now();
      await waitUntil(() => Date.now() - cachedAt > 100, 'the TTL elapsed', { interval: 10 });
      expect(await client.post('usage/summary', {})).to.deep.equal({ n: 1 });
      expect(calls).to.have.length(2);
    });

    it('does not cache failures', async () => {
      const { fetch, calls } = transport((_, i) =>
        i === 0 ? json({ error: { message: 'boom', code: 10500, slug: 'InternalServerError', status: 500 } }, 500) : json({ n: i }),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      expect(await outcome(client.post('usage/summary', {}))).to.equal('rejected:BffRequestError');
      expect(await client.post('usage/summary', {})).to.deep.equal({ n: 1 });
      expect(calls).to.have.length(2);
    });
  });

  describe('decode (a log detail read in a worker)', () => {
    it('hands a successful body over unread, and an error answer is still the envelope', async () => {
      const { fetch } = transport((_, i) =>
        i === 0
          ? json({ id: 'log_1', data: { big: 'x' } })
          : json({ error: { message: 'Log not found', code: 10404, slug: 'NotFound', status: 404, request_id: 'req_nf' } }, 404),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const bodies: Blob[] = [];
      const decode = async (body: Blob) => (bodies.push(body), { length: body.size, text: await body.text() });
      const value = await client.get<{ length: number; text: string }>('logs/tool_execution/log_1', undefined, decode);
      expect(bodies[0]).to.be.instanceOf(Blob);
      expect(JSON.parse(value.text)).to.deep.equal({ id: 'log_1', data: { big: 'x' } });
      const error = (await client.get('logs/tool_execution/log_2', undefined, decode).catch((e: unknown) => e)) as BffRequestError;
      expect(bodies, 'decode reads only successful answers').to.have.length(1);
      expect([error.status, error.message, error.requestId]).to.deep.equal([404, 'Log not found', 'req_nf']);
    });

    it('turns a SyntaxError from decode into "not JSON" (502); other errors pass through', async () => {
      const { fetch } = transport(() => new Response('<html>proxy error</html>', { status: 200, headers: { 'x-request-id': 'req_html' } }));
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const notJson = async (body: Blob) => JSON.parse(await body.text()) as unknown;
      const error = (await client.get('logs/tool_execution/log_1', undefined, notJson).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect([error.status, error.message, error.requestId]).to.deep.equal([
        502,
        'The server sent a response that is not JSON',
        'req_html',
      ]);
      const crash = new RangeError('worker out of memory');
      const other = await client.get('logs/tool_execution/log_2', undefined, () => Promise.reject(crash)).catch((e: unknown) => e);
      expect(other).to.equal(crash);
    });
  });

  describe('errors', () => {
    it('maps the v3.1 envelope to BffRequestError', async () => {
      const { fetch } = transport(() =>
        json(
          {
            error: {
              message: 'Time range must not exceed 366 days',
              code: 10400,
              slug: 'BadRequest',
              status: 400,
              request_id: 'req_8c1f0a2b9d',
              suggested_fix: 'Narrow from/to',
              errors: ['to - from > 366 days'],
            },
          },
          400,
        ),
      );
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.name).to.equal('BffRequestError');
      expect(error.message).to.equal('Time range must not exceed 366 days');
      expect(error.status).to.equal(400);
      expect(error.requestId).to.equal('req_8c1f0a2b9d');
      expect(error.suggestedFix).to.equal('Narrow from/to');
    });

    it('a body that is not the envelope keeps the status and x-request-id', async () => {
      const { fetch } = transport(() => new Response('<html>oops</html>', { status: 500, headers: { 'x-request-id': 'req_html' } }));
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error.status).to.equal(500);
      expect(error.requestId).to.equal('req_html');
      expect(error.message).to.equal('The server answered HTTP 500');
    });

    it('a network failure is status 0', async () => {
      const fetch = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof globalThis.fetch;
      const client = new BffClient({ endpoint: '/api/composio', fetch });
      const error = (await client.post('usage/summary', {}).catch((e: unknown) => e)) as BffRequestError;
      expect(error).to.be.instanceOf(BffRequestError);
      expect(error.status).to.equal(0);
      expect(error.message).to.contain('Failed to fetch');
    });
  });
});
