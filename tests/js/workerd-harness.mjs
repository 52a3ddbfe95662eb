// Shared set-up of the workerd tests: bundle a Worker with esbuild and the "workerd" export
// condition, as wrangler does, next to a copy of a .wasm, and describe it for miniflare.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The package's own .wasm (built by scripts/build.mjs). */
export const PKG_WASM = fileURLToPath(new URL("../../pkg/sanitas_bg.wasm", import.meta.url));

/**
 * Bundles `entry` (a path) into a fresh temporary folder with `wasm` copied beside it as
 * `sanitas_bg.wasm`. Returns the folder, the miniflare options of one Worker loaded from it
 * (`worker(extra)`), and `remove()`.
 */
export async function bundleWorker(entry, { wasm = PKG_WASM, prefix = "sanitas-workerd-" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    external: ["*.wasm"],
    outfile: join(dir, "worker.js"),
    logLevel: "error",
  });
  copyFileSync(wasm, join(dir, "sanitas_bg.wasm"));
  return {
    dir,
    worker: (extra = {}) => ({
      scriptPath: join(dir, "worker.js"),
      modulesRoot: dir,
      modules: true,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      compatibilityDate: "2025-01-01",
      ...extra,
    }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
