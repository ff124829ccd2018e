/**
 * `composio-widgets/server` at run time (its types are ./index.ts's): loads the BFF through
 * requirePeers, so a missing optional peer (hono, zod, jose, lru-cache) fails with what to install.
 */
import { requirePeers } from '../core/peers.ts';
import { SERVER_PEERS } from './peers.ts';

const server = await requirePeers('composio-widgets/server', SERVER_PEERS, () => import('./index.ts'));

export const {
  createComposioHandler,
  bearerTokenScope,
  createEmbedToken,
  BffError,
  DEFAULT_BUDGET,
  memoryBudget,
  memoryStore,
  PROJECT_ADMIN_SCOPE,
} = server;
