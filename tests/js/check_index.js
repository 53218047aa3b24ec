/* For the tests: how the browser engine cuts every document, and its lunr scores next
   to lunr.js's scores over lunr.py's own serialized index: a plan's own engine (when the
   site holds one plan) and the catalog's, which loads only the chunks a query needs.
   usage: node check_index.js SITE_DIR LUNR_PY_INDEX_JSON QUERIES_JSON */
"use strict";
const fs = require("fs");
const {lunr, planEngine, catalogEngine} = require("./site_engines.js");
const [site, indexFile, queriesFile] = process.argv.slice(2);
const plans = fs.readdirSync(site + "/search").filter((f) => f.startsWith("plan-"));
const engine = plans.length === 1 ? planEngine(site) : null;
const catalog = catalogEngine(site);
const serialized = JSON.parse(fs.readFileSync(indexFile, "utf8"));
serialized.invertedIndex.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); /* UTF-16 order */
const full = lunr.Index.load(serialized);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
function asObject(map) {
  const out = {};
  map.forEach((score, ref) => { out[ref] = score; });
  return out;
}
const scores = queries.map((query) => {
  catalog.searchNow(query); /* loads the chunks the query needs */
  const words = catalog.engine.analyse(query).words.filter((w) => catalog.engine.df.get(w));
  const reference = {};
  if (words.length) {
    full.query((q) => words.forEach((w) => q.term(w, {
      fields: ["t", "b"], boost: Array.from(w).length, usePipeline: false,
      wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL
    }))).forEach((hit) => { reference[hit.ref] = hit.score; });
  }
  const result = {query: query, words: words, reference: reference, catalog: asObject(catalog.engine.lunrScores(words))};
  if (engine) {
    result.browser = asObject(engine.lunrScores(engine.analyse(query).words.filter((w) => engine.df.get(w))));
  }
  return result;
});
const terms = engine && engine.docs.map((doc) => [engine.terms(doc.titleFolded), engine.terms(doc.restFolded)]);
const folded = ["學生營養餐", "ＳＴＥＭ課程２０２５", "家長", "Ⅳ"].map((s) => (engine || catalog.engine).fold(s));
process.stdout.write(JSON.stringify({terms: terms, scores: scores, folded: folded}));
