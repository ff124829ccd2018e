/** What each simulator entry runs on: optional peers, checked at start-up by `requirePeers` (core/peers.ts). */
export const SIMULATOR_PEERS = ['hono', 'zod'] as const;
export const SIMULATOR_MSW_PEERS = ['msw'] as const;
export const SIMULATOR_NODE_PEERS = ['@hono/node-server'] as const;
