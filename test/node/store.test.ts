// The in-memory Store (the default): entries with TTL on the injected clock, bounded size, and the
// short lock that Upstream uses to coalesce cold calls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore } from '../../src/server/store.ts';

describe('memoryStore', () => {
  it('keeps an entry for its TTL on the injected clock, and never with TTL 0', async () => {
    let clock = 1_000;
    const store = memoryStore({ now: () => clock });
    await store.set('a', '{"v":1}', 500);
    await store.set('b', '{"v":2}', 0);
    assert.equal(await store.get('a'), '{"v":1}');
    assert.equal(await store.get('b'), undefined);
    clock += 501;
    assert.equal(await store.get('a'), undefined);
  });

  it('stays within its entry and byte bounds', async () => {
    const store = memoryStore({ maxEntries: 10, maxBytes: 100 });
    for (let i = 0; i < 100; i++) await store.set(`k${i}`, 'x'.repeat(1 + (i % 30)), 60_000);
    assert.ok(store.size.entries <= 10 && store.size.bytes <= 100, JSON.stringify(store.size));
    await store.set('huge', 'x'.repeat(1_000), 60_000);
    assert.equal(await store.get('huge'), undefined, 'an entry larger than the store is not kept');
  });

  it('one lock holder; a waiter wakes with the value, or with nothing when the lock goes without one', async () => {
    let clock = 0;
    const store = memoryStore({ now: () => clock });
    const token = await store.acquire('k', 1_000);
    assert.ok(token);
    assert.equal(await store.acquire('k', 1_000), undefined);
    const waiting = store.waitFor('k', 60_000);
    await store.set('k', 'value', 1_000);
    await store.release('k', 'not-the-token');
    assert.equal(await store.acquire('k', 1_000), undefined, 'a wrong token releases nothing');
    await store.release('k', token);
    assert.equal(await waiting, 'value');

    const second = await store.acquire('gone', 1_000);
    const nothing = store.waitFor('gone', 60_000);
    await store.release('gone', second!);
    assert.equal(await nothing, undefined);

    await store.acquire('expired', 1_000);
    clock += 1_001;
    assert.ok(await store.acquire('expired', 1_000), 'a lock past its TTL is taken over');
  });
});
