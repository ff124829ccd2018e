/** `composio-widgets/simulator/msw` at run time (its types are ./msw.ts's): see ./entry.ts. */
import { requirePeers } from '../core/peers.ts';
import { SIMULATOR_MSW_PEERS } from './peers.ts';

const msw = await requirePeers('composio-widgets/simulator/msw', SIMULATOR_MSW_PEERS, () => import('./msw.ts'));

export const { simulatorHandlers } = msw;
