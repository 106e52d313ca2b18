#!/usr/bin/env node
/*
 * Runs theme/static/js/search.js (the browser's search engine) under Node with
 * the real lunr.js from node_modules and the vendored lunr-languages Romanian
 * stemmer (theme/static/js/vendor), over a built index folder.
 *
 * stdin:  {"index": "<folder with manifest.json>", "queries": [{"q": "…", "filters": {…}}],
 *          "texts": ["…"]}
 * stdout: {"results": [{"words": […], "hits": [[doc, score]…], "urls": […], "fetched": […]}],
 *          "terms": [[…] per text], "lunr": "<lunr.version>"}
 */
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require('lunr');
const vendor = path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'vendor');
require(path.join(vendor, 'lunr.stemmer.support.min.js'))(lunr);  // as the page loads them, after lunr
require(path.join(vendor, 'lunr.ro.min.js'))(lunr);
const search = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'search.js'));

async function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const read = (file) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(input.index, file), 'utf8')));
  const results = [];
  for (const query of input.queries || []) {
    const engine = new search.Engine(read, lunr);  // a fresh page: nothing fetched yet
    const found = await engine.search(query.q, query.filters || {});
    results.push({ words: found.words, hits: found.hits, urls: found.records.map((r) => r.u),
                   fetched: engine.fetched, corrected: found.corrected });
  }
  const analyzer = (await new search.Engine(read, lunr).ready()).analyzer;
  const terms = (input.texts || []).map((text) => analyzer.terms(text));
  process.stdout.write(JSON.stringify({ results, terms, lunr: lunr.version }));
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error) + '\n'); process.exit(1); });
