/** The simulator on a loopback HTTP port, for `npm run simulator` and tests over real sockets. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Simulator } from './index.ts';

export interface RunningServer {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1 only (port 0 picks a free one). */
export function listen(simulator: Simulator, port = 0): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request) => simulator.fetch(request), port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // a hung (timeout-fault) request must not keep the server alive
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
