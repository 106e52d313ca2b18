#!/usr/bin/env node
/*
 * Queries a Pagefind bundle with Pagefind's own pagefind.js (and its WebAssembly), under Node:
 * the bundle's files are served to it by a `fetch` that reads them from disk.
 *
 * argv[2]: the bundle folder (pagefind.js, pagefind-entry.json, index/, fragment/ …)
 * stdin:   {"queries": ["…"], "k": 10}
 * stdout:  {"results": {"<query>": ["<address>", …]}}: the first k results' addresses, best first
 */
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const bundle = path.resolve(process.argv[2]);
const BASE = '/pagefind/';

globalThis.fetch = async (input) => {
  const address = String(input).split('?')[0];
  const at = address.indexOf(BASE);
  if (at < 0) return new Response(null, { status: 404 });
  const file = path.join(bundle, address.slice(at + BASE.length));
  if (!file.startsWith(bundle + path.sep) || !fs.existsSync(file)) return new Response(null, { status: 404 });
  return new Response(fs.readFileSync(file), { status: 200 });
};

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const pagefind = await import(pathToFileURL(path.join(bundle, 'pagefind.js')).href);
await pagefind.options({ basePath: BASE, baseUrl: '/' });
await pagefind.init();
const results = {};
for (const query of input.queries) {
  const found = await pagefind.search(query);
  const first = await Promise.all(found.results.slice(0, input.k || 10).map((result) => result.data()));
  results[query] = first.map((data) => data.url);
}
process.stdout.write(JSON.stringify({ results }));
