/* For the tests: how the browser engine cuts every document, and its lunr scores next
   to lunr.js's scores over lunr.py's own serialized index: a plan's own engine (when the
   site holds one plan) and the catalog's, which loads only the chunks a query needs and
   scores each plan as its own page does (over that plan's own index).
   usage: node check_index.js SITE_DIR LUNR_PY_INDEX_JSON QUERIES_JSON */
"use strict";
const fs = require("fs");
const {lunr, planEngine, catalogEngine} = require("./site_engines.js");
const [site, indexFile, queriesFile] = process.argv.slice(2);
const plans = fs.readdirSync(site + "/search").filter((f) => f.startsWith("plan-"));
const engine = plans.length === 1 ? planEngine(site) : null;
const catalog = catalogEngine(site);
/* LUNR_PY_INDEX_JSON: lunr.py's index of the one plan, or for a catalog [[first document, index]...]:
   each plan's own index (its documents numbered from its first in the catalog) */
const read = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const indexes = (Array.isArray(read) ? read : [[0, read]]).map(([start, serialized]) => {
  serialized.invertedIndex.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); /* UTF-16 order */
  return [start, lunr.Index.load(serialized)];
});
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
function asObject(map, into) {
  const out = into || {};
  map.forEach((score, ref) => { out[ref] = score; });
  return out;
}
const scores = queries.map((query) => {
  catalog.searchNow(query); /* loads the chunks the query needs */
  const reference = {};
  const scored = {};
  const cut = [];
  indexes.forEach(([start, full], plan) => {
    const view = catalog.view(plan); /* the plan as its own page cuts and scores the query */
    const words = view.analyse(query).words.filter((w) => view.df.get(w));
    cut.push(words);
    if (words.length) {
      full.query((q) => words.forEach((w) => q.term(w, {
        fields: ["t", "b"], boost: Array.from(w).length, usePipeline: false,
        wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL
      }))).forEach((hit) => { reference[String(start + Number(hit.ref))] = hit.score; });
    }
    asObject(view.lunrScores(words), scored);
  });
  const result = {query: query, words: cut, reference: reference, catalog: scored};
  if (engine) {
    result.browser = asObject(engine.lunrScores(engine.analyse(query).words.filter((w) => engine.df.get(w))));
  }
  return result;
});
const terms = engine && engine.docs.map((doc) => [engine.terms(doc.titleFolded), engine.terms(doc.restFolded)]);
const folded = ["學生營養餐", "ＳＴＥＭ課程２０２５", "家長", "Ⅳ"].map((s) => (engine || catalog.engine).fold(s));
process.stdout.write(JSON.stringify({terms: terms, scores: scores, folded: folded}));
