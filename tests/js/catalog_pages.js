/* For the tests: the catalog search page by page against a plan's own search page.
   usage: node catalog_pages.js SITE_DIR QUERIES_JSON [SLUG]  (SLUG: the plan whose own page is
   compared, else the first)
   prints [{query, plan: {results, scores, partial}, first: {results, pending, fragments},
            all: {results, scores, plans}, partial: [id...]}]: ``first`` what the first fetch finds
   (``posting_words``: the words of the query whose postings it loaded),
   ``all`` the results once every fragment that can hold one is fetched, ``partial`` once
   the fragments holding some word are fetched too (``morePartial`` until none is left). */
"use strict";
const fs = require("fs");
const {planEngine, catalogEngine} = require("./site_engines.js");
const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const engine = planEngine(site, process.argv[4]);
const ids = (hits) => hits.map((h) => h.doc.id);
const out = queries.map((query) => {
  const own = engine.search(query);
  const catalog = catalogEngine(site);
  const first = catalog.searchNow(query);
  const firstFiles = catalog.read.files.filter((f) => f.startsWith("f/"));
  const postingWords = [...catalog.postings.keys()].filter((w) => query.includes(w)).sort();
  let all = first;
  while (all.pending) {
    catalog.more((h) => { all = h; });
  }
  let partial = all;
  do {
    catalog.morePartial((h) => { partial = h; });
  } while (partial.partialPending);
  return {
    query: query,
    plan: {results: ids(own.results), scores: own.results.map((h) => h.score), partial: ids(own.partial)},
    first: {results: ids(first.results), pending: first.pending, fragments: firstFiles, posting_words: postingWords},
    all: {results: ids(all.results), scores: all.results.map((h) => h.score), plans: all.results.map((h) => h.doc.plan),
          groups: all.results.map((h) => (h.query || all.query).groups.map((g) => g.alts))},
    partial: ids(partial.partial),
    allResults: ids(partial.results),
  };
});
process.stdout.write(JSON.stringify(out));
