/**
 * The built pages as the demo server sends them: hashed assets cached for good, pages revalidated
 * (ETag → 304), text compressed (the build's .br/.gz when there is one, gzip on the fly otherwise).
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';

/** Vite names every file under assets/ by its content hash: a new build is a new URL. */
const HASHED = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface SiteOptions {
  /** The build's directory. */
  root: string;
}

/** Adds the pages and assets to `app`, after its other routes (an API route never reaches these). */
export function mountSite(app: Hono, { root }: SiteOptions): void {
  const revalidated = etag();
  app.use('/*', compress());
  app.use('/*', async (c, next) => {
    await next();
    if ((c.res.ok || c.res.status === 304) && !c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : 'no-cache');
  });
  // hashing an immutable asset's body would only cost time: nobody revalidates it
  app.use('/*', (c, next) => (HASHED.test(c.req.path) ? next() : revalidated(c, next)));

  app.use('/*', serveStatic({ root, precompressed: true }));
}
