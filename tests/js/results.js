/* For the tests: what the search page would list for each query, in Node.
   usage: node results.js SITE_DIR QUERIES_JSON [catalog]  (catalog: the catalog search's engine)
   prints [{query, results: [id...], tiers: [...], partial: n, indicators: [id...],
            snippets: [[[text, marked]...]...] (top 20), suggest: [...], groups: [[alt...]...]}] */
"use strict";
const fs = require("fs");
const path = require("path");
const {planEngine, catalogEngine} = require("./site_engines.js");
const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const catalog = process.argv[4] === "catalog" ? catalogEngine(site) : null;
const engine = catalog ? catalog.engine : planEngine(site);
const out = queries.map((query) => {
  const found = catalog ? catalog.searchNow(query) : engine.search(query);
  return {
    query: query,
    plans: found.results.map((h) => h.doc.plan),
    scores: found.results.map((h) => h.score),
    results: found.results.map((h) => h.doc.id),
    tiers: found.results.map((h) => h.tier),
    whole: found.results.filter((h) => h.whole).map((h) => h.doc.id),
    partial: found.partial.map((h) => h.doc.id),
    indicators: found.indicators.map((h) => h.doc.id),
    snippets: found.results.slice(0, 20).map((h) => engine.snippet(h.doc, h.query || found.query, 100, h.whole).segments),
    suggest: engine.suggest(query, 8),
    groups: found.query.groups.map((g) => g.alts),
  };
});
process.stdout.write(JSON.stringify(out));
