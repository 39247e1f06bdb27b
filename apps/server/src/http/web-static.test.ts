import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebStatic } from './web-static.js';

const dir = mkdtempSync(join(tmpdir(), 'bonemet-web-static-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('registerWebStatic', () => {
  it('serves the page, hashed assets cached as immutable, and the page for any other GET outside /api', async () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(web, 'assets', 'index-abc123.js'), 'export {};');
    const app = Fastify();
    expect(await registerWebStatic(app, web)).toBe(true);
    await app.ready();

    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>dashboard</title>');
    expect(page.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const deepLink = await app.inject({ method: 'GET', url: '/patients/R-7K2M9Q4T1C' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<title>dashboard</title>');

    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    await app.close();
  });

  it('serves nothing when the dashboard was not built', async () => {
    const app = Fastify();
    expect(await registerWebStatic(app, join(dir, 'missing'))).toBe(false);
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    await app.close();
  });
});
