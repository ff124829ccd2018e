/**
 * The built pages as the demo server sends them: hashed assets cached for good, pages revalidated
 * (ETag → 304), text compressed (the build's .br/.gz when there is one, gzip on the fly otherwise),
 * and the page's own data — the customer switcher's list — written into it, so that the browser
 * asks for nothing before the elements' first data.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESSION_DATA_ID } from './session.ts';

/** Vite names every file under assets/ by its content hash: a new build is a new URL. */
const HASHED = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Where the built index.html takes the page's data: an empty JSON script (demo/index.html). */
const PLACEHOLDER = new RegExp(`<script type="application/json" id="${SESSION_DATA_ID}"></script>`);

/** JSON that cannot end the script element it sits in (`</script>`, `<!--`). */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export interface SiteOptions {
  /** The build's directory. */
  root: string;
  /** The data index.html carries for this request (it may depend on the cookie). */
  pageData: (c: Context) => unknown;
}

/** Adds the pages and assets to `app`, after its other routes (an API route never reaches these). */
export function mountSite(app: Hono, { root, pageData }: SiteOptions): void {
  const revalidated = etag();
  app.use('/*', compress());
  app.use('/*', async (c, next) => {
    await next();
    if ((c.res.ok || c.res.status === 304) && !c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : 'no-cache');
  });
  // hashing an immutable asset's body would only cost time: nobody revalidates it
  app.use('/*', (c, next) => (HASHED.test(c.req.path) ? next() : revalidated(c, next)));

  const page: MiddlewareHandler = async (c, next) => {
    const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    if (html === undefined || !PLACEHOLDER.test(html)) return next();
    // the customer list is per visitor: no shared cache may keep it
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    const filled = `<script type="application/json" id="${SESSION_DATA_ID}">${inlineJson(pageData(c))}</script>`;
    return c.html(html.replace(PLACEHOLDER, () => filled));
  };
  app.get('/', page);
  app.get('/index.html', page);
  app.use('/*', serveStatic({ root, precompressed: true }));
}
