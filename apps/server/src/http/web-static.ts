import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** The built dashboard (`npm run build -w @bonemet/web`); the same relative path from src/ and dist/. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Vite names every built asset after a hash of its content, so a cached copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the dashboard at `/`: files of the build as they are (hashed assets cached for a year, the page
 * itself revalidated on every load), and `index.html` for any other GET outside `/api/`, so that a page of
 * the dashboard reloads in place. Nothing is served when the dashboard was not built; the API works alone.
 * The server's Content-Security-Policy applies: the build has no inline script or style.
 */
export async function registerWebStatic(app: FastifyInstance, dir: string = WEB_DIST_DIR): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      response.setHeader('cache-control', filePath.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/')) {
      throw new ApiError(404, 'not_found', `no route GET ${path}`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
