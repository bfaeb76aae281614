// A Vite plugin: after a build, a gzip and a brotli copy beside each text file worth
// compressing, which the server sends to browsers that accept them (server/mindscope/
// static_files.py). Compressed once here, never per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const TEXT = new Set([".html", ".js", ".css", ".svg", ".json", ".map", ".txt"]);
const MIN_BYTES = 1024; // smaller files gain less than the request's headers
const MAX_RATIO = 0.9; // a copy less than 10 % smaller is not worth a second file

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function compressBuild(outDir: string): void {
  for (const path of files(outDir)) {
    if (!TEXT.has(extname(path))) continue;
    const content = readFileSync(path);
    if (content.length < MIN_BYTES) continue;
    const copies: [string, Buffer][] = [
      [".gz", gzipSync(content, { level: 9 })],
      [".br", brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
    ];
    for (const [suffix, compressed] of copies) {
      if (compressed.length <= content.length * MAX_RATIO) writeFileSync(path + suffix, compressed);
    }
  }
}

export function precompress(outDir: string): Plugin {
  return { name: "mindscope-precompress", apply: "build", closeBundle: () => compressBuild(outDir) };
}
