/** What each server entry runs on: optional peers, checked at start-up by `requirePeers` (core/peers.ts). */
export const SERVER_PEERS = ['hono', 'zod', 'jose', 'lru-cache'] as const;
export const NODE_ADAPTER_PEERS = ['@hono/node-server'] as const;
/** `server/redis` also uses the memory store (lru-cache) as its near cache and fallback. */
export const REDIS_PEERS = ['ioredis', 'rate-limiter-flexible', 'lru-cache'] as const;
