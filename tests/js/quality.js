/* Rank every query with the search engine the page uses, in Node, and print for each
   the rank (1-based) of the first result whose clause holds a gold string, or 0.
   usage: node quality.js SITE_DIR QUERIES_JSON  (QUERIES_JSON: [{id, query, gold: [...]}]) */
"use strict";
const fs = require("fs");
const path = require("path");
const {planEngine} = require("./site_engines.js");
const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const engine = planEngine(site);
const squash = (s) => s.replace(/\s+/g, "");
function clause(doc) {
  if (doc.kind === "n") { /* as the dashboard row reads: 在校生规模（万人） */
    const unit = doc.rest.match(/（([^，）]*)，/);
    return doc.title + (unit ? "（" + unit[1] + "）" : "") + doc.rest;
  }
  let text = doc.title + doc.rest;
  if (doc.kind === "i") {
    doc.children.forEach((c) => {
      const child = engine.docs[c];
      if (child.kind === "m" || child.kind === "i") {
        text += clause(child);
      }
    });
  }
  return text;
}
const out = queries.map((q) => {
  const started = process.hrtime.bigint();
  const found = engine.search(q.query);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  /* what the page lists by default: clauses holding every word, else the partial ones */
  const listed = found.results.length ? found.results : found.partial;
  const gold = q.gold.map(squash);
  const rank = listed.slice(0, 10).findIndex((hit) => {
    const text = squash(clause(hit.doc)); /* a point's link opens its heading and paragraphs */
    return gold.some((g) => text.includes(g));
  }) + 1;
  return {id: q.id, query: q.query, rank: rank, results: found.results.length, partial: found.partial.length,
          partialShown: found.results.length ? 0 : Math.min(found.partial.length, 20), ms: ms,
          top: listed.slice(0, 3).map((h) => h.doc.id)};
});
process.stdout.write(JSON.stringify(out));
