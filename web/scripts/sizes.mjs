// Prints the size of every built asset (raw and gzipped), writes a .gz beside each text asset
// (the gateway serves it to clients that accept gzip), and checks the budget: at most 250 KB of
// gzipped JavaScript on the first load of the chat page (the entry, its static imports and the
// chat page's chunk with its own static imports, from Vite's manifest).
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const OUT = new URL("../../src/ollama_gateway/web/static/", import.meta.url).pathname;
const BUDGET = 250 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const gz = new Map();
for (const path of walk(OUT).sort()) {
  if (!/\.(js|css|html|svg|json)$/.test(path) || path.includes(".vite")) continue;
  const raw = readFileSync(path);
  const packed = gzipSync(raw, { level: 9 });
  gz.set(relative(OUT, path), packed.length);
  if (packed.length < raw.length) writeFileSync(`${path}.gz`, packed);
  console.log(`${kb(raw.length)} raw ${kb(packed.length)} gzip  ${relative(OUT, path)}`);
}

const manifest = JSON.parse(readFileSync(join(OUT, ".vite/manifest.json"), "utf8"));
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const chat = Object.keys(manifest).find((k) => /pages\/chat\/ChatPage\.svelte$/.test(k));
const files = closure(entry);
if (chat) closure(chat, files);
const total = [...files].filter((f) => f.endsWith(".js")).reduce((n, f) => n + (gz.get(f) ?? 0), 0);
console.log(`first load of the chat page: ${kb(total)} gzipped JavaScript (budget ${kb(BUDGET)})`);
if (total > BUDGET) {
  console.error("over the JavaScript budget");
  process.exit(1);
}
