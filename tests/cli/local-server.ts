/**
 * A hostile server on 127.0.0.1 for the fetch tests that need more than a canned reply: a
 * handler writes the response itself (streams forever, lies about Content-Length, drops the
 * connection mid-body). Also the CLI's Io and a temporary copy of the repository's data/.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFetch } from '../../scripts/fetch-cli';
import { ROOT } from '../helpers';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  /** What the tests answer; a 404 until set. */
  handler: Handler;
  close: () => Promise<void>;
}

export async function startServer(): Promise<LocalServer> {
  const local: LocalServer = {
    base: '',
    port: 0,
    handler: (_req, res) => {
      res.writeHead(404);
      res.end();
    },
    close: async () => {},
  };
  const server = createServer((req, res) => {
    // A client that hangs up mid-body is what these tests are about: not an error here.
    res.on('error', () => {});
    req.socket.on('error', () => {});
    local.handler(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  local.port = (server.address() as AddressInfo).port;
  local.base = `http://127.0.0.1:${local.port}`;
  local.close = async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  };
  return local;
}

/** Writes `chunk` until the client goes away: a body with no end, sent as fast as it is read. */
export function streamForever(res: ServerResponse, chunk: Buffer): void {
  const write = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

/** A temporary copy of the repository's data/ (the seed dataset) to fetch into. */
export function copyOfData(): { dir: string; out: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-net-'));
  const out = join(dir, 'data');
  cpSync(join(ROOT, 'data'), out, { recursive: true });
  return { dir, out, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An Io that records its lines, with the PAPERBOY_* settings pointing at `base`. */
export function recordingIo(
  base: string,
  env: Record<string, string> = {},
  now = '2026-07-13T09:00:00Z',
) {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    io: {
      out: (l: string) => lines.out.push(l),
      err: (l: string) => lines.err.push(l),
      now: () => new Date(now),
      env: {
        PAPERBOY_HF_URL: base,
        PAPERBOY_ARXIV_RSS_URL: base,
        PAPERBOY_FETCH_BACKOFF_MS: '5',
        ...env,
      },
      lockTimeoutMs: 500,
    },
  };
}

/** Runs `npm run fetch -- <argv>` in-process; returns the exit code and what it printed. */
export async function fetchCommand(base: string, argv: string[], env: Record<string, string> = {}) {
  const { lines, io } = recordingIo(base, env);
  const code = await runFetch(argv, io);
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n'), lines };
}
