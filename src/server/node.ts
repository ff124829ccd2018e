/**
 * `composio-widgets/server/node`: the handler as a Node `http` / Express / Connect listener.
 *
 *   app.use('/api/composio', toNodeListener(handler));          // Express, Connect
 *   http.createServer(toNodeListener(handler)).listen(3000);     // plain Node
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';

type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer; originalUrl?: string };

export function toNodeListener(handler: (request: Request) => Promise<Response>) {
  const listener = getRequestListener(handler);
  return (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void): void => {
    // a body parser that ran first (express.json()) has drained the stream: hand its result on
    if (req.readableEnded && req.rawBody === undefined && req.body !== undefined) {
      req.rawBody = Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    }
    listener(req, res).catch((error: unknown) => (next ? next(error) : res.destroy(error as Error)));
  };
}
