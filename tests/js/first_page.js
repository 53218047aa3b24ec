/* For the tests: the catalog search's first page against its complete list.
   usage: node first_page.js SITE_DIR QUERIES_JSON
   prints [{query, first: [[plan, id]...] (the first 20 of the first fetch),
            all: [[plan, id]...] (every result once every fragment is loaded)}] */
"use strict";
const fs = require("fs");
const {catalogEngine} = require("./site_engines.js");
const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const listed = (hits) => hits.map((h) => [h.doc.plan, h.doc.id]);
process.stdout.write(JSON.stringify(queries.map((query) => {
  const catalog = catalogEngine(site);
  const first = catalog.searchNow(query);
  let all = first;
  while (all.pending) {
    catalog.more((h) => { all = h; });
  }
  return {query: query, first: listed(first.results.slice(0, 20)), all: listed(all.results)};
})));
