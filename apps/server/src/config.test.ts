import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BonemetError } from '@bonemet/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { runServerCommand } from './main.js';

const folder = mkdtempSync(join(tmpdir(), 'bonemet-config-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function issuePaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BonemetError) return error.issues.map((issue) => issue.path.join('.')).sort();
    throw error;
  }
  throw new Error('expected a BonemetError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ BONEMET_SESSION_SECRET: 'x'.repeat(32) });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe(resolve('./.bonemet-data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.secureCookies).toBe(false);
    expect(config.sessionTtlMinutes).toBe(720);
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.loginMaxAttempts).toBe(10);
    expect(config.production).toBe(false);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      BONEMET_DATA_DIR: folder,
      DATABASE_URL: 'postgresql://bonemet@db.example:5432/bonemet',
      BONEMET_SESSION_SECRET: 's'.repeat(40),
      BONEMET_SECURE_COOKIES: 'true',
      BONEMET_LOGIN_MAX_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: folder,
      databaseUrl: 'postgresql://bonemet@db.example:5432/bonemet',
      sessionSecret: 's'.repeat(40),
      secureCookies: true,
      loginMaxAttempts: 3,
    });
  });

  it('lists every invalid variable by name', () => {
    expect(
      issuePaths(() =>
        loadConfig({
          PORT: '70000',
          DATABASE_URL: 'mysql://x@y/z',
          BONEMET_SECURE_COOKIES: 'yes',
          BONEMET_SESSION_SECRET: 'short',
          BONEMET_SESSION_IDLE_MINUTES: '0',
        }),
      ),
    ).toEqual([
      'BONEMET_SECURE_COOKIES',
      'BONEMET_SESSION_IDLE_MINUTES',
      'BONEMET_SESSION_SECRET',
      'DATABASE_URL',
      'PORT',
    ]);
  });

  it('reads the PACS list and the queue settings; REDIS_URL needs DATABASE_URL', () => {
    const secret = { BONEMET_SESSION_SECRET: 'x'.repeat(32) };
    const config = loadConfig({
      ...secret,
      BONEMET_PACS_URL: 'https://pacs.example.org/dicom-web/, http://10.0.0.5:8042/dicom-web',
      DATABASE_URL: 'postgresql://bonemet@db.example/bonemet',
      REDIS_URL: 'redis://queue.example:6379',
      BONEMET_JOB_ATTEMPTS: '5',
    });
    expect(config).toMatchObject({
      pacsUrls: ['https://pacs.example.org/dicom-web', 'http://10.0.0.5:8042/dicom-web'],
      redisUrl: 'redis://queue.example:6379',
      jobAttempts: 5,
      jobLockMs: 30_000,
      jobStalledIntervalMs: 30_000,
    });
    expect(loadConfig(secret)).toMatchObject({ pacsUrls: [], jobAttempts: 3 });
    expect(loadConfig(secret).redisUrl).toBeUndefined();
    expect(issuePaths(() => loadConfig({ ...secret, REDIS_URL: 'redis://queue.example:6379' }))).toEqual(['REDIS_URL']);
    expect(
      issuePaths(() =>
        loadConfig({
          ...secret,
          BONEMET_PACS_URL: 'https://pacs.example.org/dicom-web, ftp://x/y',
          REDIS_URL: 'http://queue.example',
          BONEMET_JOB_LOCK_MS: '10',
        }),
      ),
    ).toEqual(['BONEMET_JOB_LOCK_MS', 'BONEMET_PACS_URL.1', 'REDIS_URL']);
  });

  it('requires the session secret in production', () => {
    expect(issuePaths(() => loadConfig({ NODE_ENV: 'production', BONEMET_DATA_DIR: folder }))).toEqual([
      'BONEMET_SESSION_SECRET',
    ]);
  });

  it('generates a local session secret once, readable by the owner only, and reuses it', () => {
    const dataDir = join(folder, 'data');
    const first = loadConfig({ BONEMET_DATA_DIR: dataDir });
    const file = join(dataDir, 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ BONEMET_DATA_DIR: dataDir }).sessionSecret).toBe(first.sessionSecret);
  });

  it('the server command exits with status 2 on invalid configuration', async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      expect(await runServerCommand(['serve'], { PORT: 'eighty', BONEMET_DATA_DIR: folder })).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr.join('')).toContain('PORT');
  });
});
