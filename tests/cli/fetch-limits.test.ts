// @vitest-environment node
// (Node's own fetch and AbortSignal: jsdom's AbortSignal is not one undici accepts.)
/**
 * Hardening (issue 24, item 1): what a download may cost. A body over PAPERBOY_FETCH_MAX_BYTES
 * (announced or streamed), a gzip bomb, redirect loops and chains, a redirect to another host,
 * and a body cut off mid-way, against a server on 127.0.0.1. Every refusal names the address
 * and the fix, exits 1 without a stack trace, and leaves data/ byte-for-byte as it was.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runUpdate } from '../../scripts/update-cli';
import { ROOT, fixture, snapshot } from '../helpers';
import {
  type LocalServer,
  copyOfData,
  fetchCommand,
  recordingIo,
  startServer,
  streamForever,
} from './local-server';

const CAP = { PAPERBOY_FETCH_MAX_BYTES: String(64 * 1024) };
const hfDay = readFileSync(fixture('feeds/hf-api-2026-07-13.json'), 'utf8');
const hf = ['hf', '--date', '2026-07-13'];

let server: LocalServer;
let data: ReturnType<typeof copyOfData>;
let before: Record<string, string>;
beforeEach(async () => {
  server = await startServer();
  data = copyOfData();
  before = snapshot(data.out);
});
afterEach(async () => {
  await server.close();
  data.remove();
});

const url = () => `${server.base}/api/daily_papers?date=2026-07-13`;
const fetchHf = (env: Record<string, string> = CAP) =>
  fetchCommand(server.base, [...hf, '--out', data.out], env);

/** Exit code 1, the last line is `message`, and data/ is as it was. */
async function refused(message: string, env: Record<string, string> = CAP) {
  const result = await fetchHf(env);
  expect(result.code).toBe(1);
  expect(result.lines.err.at(-1)).toBe(`paperboy fetch: ${message}; nothing was changed`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(data.out)).toEqual(before);
  return result;
}

const redirect = (location: string) => (res: import('node:http').ServerResponse) => {
  res.writeHead(302, { Location: location });
  res.end();
};

describe('a body larger than PAPERBOY_FETCH_MAX_BYTES', () => {
  it('is refused from its Content-Length, before it is read', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(200 * 1024) });
      res.end(Buffer.alloc(200 * 1024, 0x20));
    };
    await refused(
      `${url()} announced 200 KB (Content-Length), more than the 64 KB Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); is the address right? If the feed really is that large, raise PAPERBOY_FETCH_MAX_BYTES`,
    );
  });

  it('is cut at the cap when it comes without a length (a body that never ends)', async () => {
    let hungUp: Promise<void> | undefined;
    server.handler = (_req, res) => {
      hungUp = new Promise((done) => res.on('close', () => done()));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      streamForever(res, Buffer.from(`[${'{"title": "x"},'.repeat(1024)}`));
    };
    await refused(
      `${url()} sent more than 64 KB, the most Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); is the address right? If the feed really is that large, raise PAPERBOY_FETCH_MAX_BYTES`,
    );
    // The client hung up: the rest of the body is not downloaded in the background.
    expect(hungUp).toBeDefined();
    await hungUp;
  });

  it('counts what a gzip body decompresses to (a 10 KB gzip bomb of 10 MB)', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    server.handler = (_req, res) => {
      res.writeHead(200, {
        'Content-Encoding': 'gzip',
        'Content-Length': String(bomb.length),
        'Content-Type': 'application/json',
      });
      res.end(bomb);
    };
    await refused(
      `${url()} sent more than 64 KB once decompressed (it came gzip-compressed), the most Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); is the address right? If the feed really is that large, raise PAPERBOY_FETCH_MAX_BYTES`,
    );
  });

  it('is read whole when it fits: the cap is on bytes, not on papers', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(hfDay);
    };
    const result = await fetchHf({ PAPERBOY_FETCH_MAX_BYTES: String(Buffer.byteLength(hfDay)) });
    expect(result.code).toBe(0);
    expect(existsSync(join(data.out, 'days/2026-07-13.json'))).toBe(true);
  });

  it('refuses an unusable PAPERBOY_FETCH_MAX_BYTES before asking anything', async () => {
    let asked = 0;
    server.handler = (_req, res) => {
      asked++;
      res.end(hfDay);
    };
    const bad = await fetchHf({ PAPERBOY_FETCH_MAX_BYTES: '50MB' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'paperboy fetch: PAPERBOY_FETCH_MAX_BYTES="50MB" is not a number of bytes; unset it or give one, e.g. PAPERBOY_FETCH_MAX_BYTES=104857600 (100 MB)',
    );
    const huge = await fetchHf({ PAPERBOY_FETCH_MAX_BYTES: String(2 ** 31) });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe(
      'paperboy fetch: PAPERBOY_FETCH_MAX_BYTES=2147483648 (2 GB) is more than a download can be held as text; give at most 524288000 (500 MB)',
    );
    expect(asked).toBe(0);
    expect(snapshot(data.out)).toEqual(before);
  });
});

describe('redirects', () => {
  it('refuses a redirect loop and names the loop', async () => {
    server.handler = (_req, res, u) =>
      redirect(u.pathname === '/b' ? '/api/daily_papers?date=2026-07-13' : '/b')(res);
    await refused(
      `${url()} redirects in a loop (${url()} → ${server.base}/b → ${url()}); check the address`,
    );
  });

  it('follows 5 redirects but not 6', async () => {
    const hops =
      (n: number) => (_req: unknown, res: import('node:http').ServerResponse, u: URL) => {
        const at = u.pathname.startsWith('/hop/') ? Number(u.pathname.slice(5)) : 0;
        if (at < n) redirect(`/hop/${at + 1}`)(res);
        else res.end(hfDay);
      };
    server.handler = hops(6);
    await refused(
      `${url()} redirected more than 5 times (the 6th to ${server.base}/hop/6); check the address`,
    );
    server.handler = hops(5);
    const five = await fetchHf();
    expect(five.code).toBe(0);
    expect(existsSync(join(data.out, 'days/2026-07-13.json'))).toBe(true);
  });

  it('warns, naming both hosts, when a redirect leaves the host', async () => {
    const target = `http://localhost:${server.port}/mirror/daily_papers?date=2026-07-13`;
    server.handler = (_req, res, u) =>
      u.pathname === '/mirror/daily_papers' ? res.end(hfDay) : redirect(target)(res);
    const result = await fetchHf();
    expect(result.code).toBe(0);
    expect(result.lines.err).toContain(
      `warning: ${url()} redirected from 127.0.0.1 to another host, localhost (${target})`,
    );
    expect(existsSync(join(data.out, 'days/2026-07-13.json'))).toBe(true);
  });

  it('refuses a redirect to an address that is not http(s)', async () => {
    server.handler = (_req, res) => redirect('file:///etc/passwd')(res);
    await refused(
      `${url()} redirected to file:///etc/passwd, which is not an http(s) address; check the address`,
    );
  });
});

describe('a body cut off mid-way', () => {
  it('says the download was cut off when fewer bytes came than Content-Length said', async () => {
    server.handler = (req, res) => {
      res.writeHead(200, { 'Content-Length': '10000', 'Content-Type': 'application/json' });
      res.write(hfDay.slice(0, 100));
      setTimeout(() => req.socket.destroy(), 50);
    };
    await refused(`${url()}: the download was cut off after 100 of 10,000 bytes; try again later`);
  });

  it('says so too when the connection is reset mid-body without a length', async () => {
    server.handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(hfDay.slice(0, 100));
      setTimeout(() => req.socket.resetAndDestroy(), 50);
    };
    await refused(`${url()}: the download was cut off after 100 bytes; try again later`);
  });
});

describe('npm run update', () => {
  it('reports a gzip bomb as that source failing, and keeps data/ as it was', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(bomb);
    };
    const config = join(data.dir, 'paperboy.config.json');
    writeFileSync(config, JSON.stringify({ sources: [{ type: 'hf' }], out: 'data', maxDays: 1 }));
    const { lines, io } = recordingIo(server.base, CAP);
    const code = await runUpdate(['--config', config, '--no-build'], io);
    expect(code).toBe(1);
    expect(lines.out.join('\n')).toMatch(
      /hf 2026-07-13: FAILED: .* sent more than 64 KB once decompressed \(it came gzip-compressed\)/,
    );
    expect(snapshot(data.out)).toEqual(before);
  });
});

it('as a real process, an endless body ends in one line and exit code 1', async () => {
  server.handler = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    streamForever(res, Buffer.alloc(16 * 1024, 0x20));
  };
  const run = promisify(execFile)('npx', ['tsx', 'scripts/fetch.ts', ...hf, '--out', data.out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...recordingIo(server.base, CAP).io.env },
  });
  const failure = (await run.then(
    () => null,
    (e: unknown) => e,
  )) as { code: number; stderr: string } | null;
  expect(failure?.code).toBe(1);
  expect(failure?.stderr.trim().split('\n').at(-1)).toBe(
    `paperboy fetch: ${url()} sent more than 64 KB, the most Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); is the address right? If the feed really is that large, raise PAPERBOY_FETCH_MAX_BYTES; nothing was changed`,
  );
  expect(failure?.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(data.out)).toEqual(before);
});
