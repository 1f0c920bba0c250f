// Generates src/api/schema.d.ts from the gateway's OpenAPI document (scripts/openapi.py), or with
// --check fails when the committed file differs from what the current API generates.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";

const python = process.env.PYTHON ?? new URL("../../.venv/bin/python", import.meta.url).pathname;
const script = new URL("./openapi.py", import.meta.url).pathname;
const target = new URL("../src/api/schema.d.ts", import.meta.url);
const document = execFileSync(python, [script], { maxBuffer: 64 << 20 }).toString();
writeFileSync(new URL("../openapi.json", import.meta.url), document);
const header =
  "// Generated from the gateway's /openapi.json by `npm run types` (web/scripts/types.mjs).\n" +
  "// Do not edit: the test command fails when this file is stale.\n\n";
const generated = header + astToString(await openapiTS(JSON.parse(document)));
if (process.argv.includes("--check")) {
  const committed = readFileSync(target, "utf8");
  if (committed !== generated) {
    console.error("web/src/api/schema.d.ts is stale: the API changed. Run `cd web && npm run types`.");
    process.exit(1);
  }
  console.log("API types are current");
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target.pathname}`);
}
