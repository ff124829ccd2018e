/** `composio-widgets/server/redis` at run time (its types are ./redis.ts's): see ./entry.ts. */
import { requirePeers } from '../core/peers.ts';
import { REDIS_PEERS } from './peers.ts';

const redis = await requirePeers('composio-widgets/server/redis', REDIS_PEERS, () => import('./redis.ts'));

export const { REDIS_OPTIONS, connectRedis, createRedisStore, redisBudget } = redis;
