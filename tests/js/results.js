/* For the tests: what the search page would list for each query, in Node.
   usage: node results.js SITE_DIR QUERIES_JSON
   prints [{query, results: [id...], tiers: [...], partial: n, indicators: [id...],
            snippets: [[[text, marked]...]...] (top 20), suggest: [...], groups: [[alt...]...]}] */
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const core = require(path.join(__dirname, "..", "..", "static", "search-core.js"))(lunr);
const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const bundle = fs.readFileSync(path.join(site, "search", "search.js"), "utf8");
const line = bundle.split("\n").find((l) => l.startsWith("window.PLAN_SEARCH_DATA"));
const win = {};
new Function("window", line)(win);
const engine = new core.Engine(win.PLAN_SEARCH_DATA);
const out = queries.map((query) => {
  const found = engine.search(query);
  return {
    query: query,
    results: found.results.map((h) => h.doc.id),
    tiers: found.results.map((h) => h.tier),
    whole: found.results.filter((h) => h.whole).map((h) => h.doc.id),
    partial: found.partial.map((h) => h.doc.id),
    indicators: found.indicators.map((h) => h.doc.id),
    snippets: found.results.slice(0, 20).map((h) => engine.snippet(h.doc, found.query, 100, h.whole).segments),
    suggest: engine.suggest(query, 8),
    groups: found.query.groups.map((g) => g.alts),
  };
});
process.stdout.write(JSON.stringify(out));
