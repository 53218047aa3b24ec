/* For the tests: how the browser engine cuts every document, and its lunr scores next
   to lunr.js's scores over lunr.py's own serialized index.
   usage: node check_index.js SITE_DIR LUNR_PY_INDEX_JSON QUERIES_JSON */
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const core = require(path.join(__dirname, "..", "..", "static", "search-core.js"))(lunr);
const [site, indexFile, queriesFile] = process.argv.slice(2);
const line = fs.readFileSync(path.join(site, "search", "search.js"), "utf8")
  .split("\n").find((l) => l.startsWith("window.PLAN_SEARCH_DATA"));
const win = {};
new Function("window", line)(win);
const engine = new core.Engine(win.PLAN_SEARCH_DATA);
const serialized = JSON.parse(fs.readFileSync(indexFile, "utf8"));
serialized.invertedIndex.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); /* UTF-16 order */
const full = lunr.Index.load(serialized);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const scores = queries.map((query) => {
  const words = engine.analyse(query).words.filter((w) => engine.df.get(w));
  const reference = {};
  if (words.length) {
    full.query((q) => words.forEach((w) => q.term(w, {
      fields: ["t", "b"], boost: Array.from(w).length, usePipeline: false,
      wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL
    }))).forEach((hit) => { reference[hit.ref] = hit.score; });
  }
  const mine = {};
  engine.lunrScores(words).forEach((score, ref) => { mine[ref] = score; });
  return {query: query, words: words, reference: reference, browser: mine};
});
const terms = engine.docs.map((doc) => (doc.kind === "c" ? null : [engine.terms(doc.titleFolded), engine.terms(doc.restFolded)]));
const folded = ["學生營養餐", "ＳＴＥＭ課程２０２５", "家長", "Ⅳ"].map((s) => engine.fold(s));
process.stdout.write(JSON.stringify({terms: terms, scores: scores, folded: folded}));
