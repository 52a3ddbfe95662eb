#!/usr/bin/env node
// Serves the sample page (www/) and the built package (pkg/, at /pkg/) on 127.0.0.1.
// Static files only; PORT overrides the default 8080.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Maps a URL path to a file under www/ or pkg/, refusing anything outside them. `mounts` adds
 * directories (paths relative to the repository root) under URL prefixes, e.g.
 * `{ "/tests/": "tests" }` for browser tests.
 */
export function resolvePath(urlPath, mounts = {}) {
  const path = decodeURIComponent(urlPath.split("?")[0]);
  const prefixes = { ...mounts, "/pkg/": "pkg" };
  const prefix = Object.keys(prefixes).find((p) => path.startsWith(p));
  const [base, rest] = prefix ? [prefixes[prefix], path.slice(prefix.length)] : ["www", path.slice(1)];
  const dir = join(root, base);
  const file = normalize(join(dir, rest || "index.html"));
  return file.startsWith(dir + sep) ? file : null;
}

export function startServer(listenPort = port, { mounts = {} } = {}) {
  const server = createServer(async (req, res) => {
    const file = resolvePath(req.url ?? "/", mounts);
    try {
      if (!file) throw new Error("outside");
      const body = await readFile(file.endsWith(sep) ? join(file, "index.html") : file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(listenPort, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer();
  console.log(`sanitas sample page: http://${host}:${server.address().port}/`);
}
