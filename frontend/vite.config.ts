// Builds into the Python package, which serves the result at "/", and runs the tests
// in ../tests/frontend (kept beside the server's tests, outside this package).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { precompress } from "./precompress";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// `npm run dev` proxies the server here; MINDSCOPE_BACKEND points it elsewhere.
const backend = process.env["MINDSCOPE_BACKEND"] ?? "http://127.0.0.1:8000";
const outDir = here("../server/mindscope/static");

export default defineConfig({
  // Gzip and brotli copies of the built files, which the server sends to whom accepts them.
  plugins: [precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true, // outside the Vite root, so this must be explicit
    target: "es2022",
    // File names carry a hash of their content ("assets/main-kj9JcaOj.js"): the server lets
    // browsers cache them for a year, and a new build is new names.
    // Two pages: the lab, and the side-by-side comparison of its variants.
    rolldownOptions: { input: { main: here("index.html"), compare: here("compare.html") } },
  },
  server: {
    proxy: {
      "/ws": { target: backend, ws: true },
      "/api": backend,
      "/healthz": backend,
    },
    // The tests sit outside this root; the DOM (happy-dom) tests load through Vite's
    // file server, which refuses files outside the allowed folders.
    fs: { allow: [here("."), here("../tests/frontend")] },
  },
  test: {
    // Vitest resolves its own "vitest" import for test files wherever they live; test
    // files import the app by relative path (../../../frontend/src/... and deeper), never by bare name.
    dir: here("../tests"),
    include: ["frontend/**/*.test.ts"],
    environment: "node", // DOM tests opt in with a `@vitest-environment happy-dom` comment
  },
});
