/* For the tests: the search engines of a built site, in Node. ``planEngine(site)`` is a
   plan's own search page's engine (its search/plan-<slug>.js); ``catalogEngine(site)`` the
   catalog search, loading the chunks and fragments from disk (synchronously) and counting
   the bytes it read. */
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const core = require(path.join(__dirname, "..", "..", "static", "search-core.js"))();
const makeCatalog = require(path.join(__dirname, "..", "..", "static", "search-catalog.js"));

function run(file) {
  const win = {};
  new Function("window", fs.readFileSync(file, "utf8"))(win);
  return win;
}

function planEngine(site, slug) {
  const folder = path.join(site, "search");
  const name = slug ? `plan-${slug}.js` : fs.readdirSync(folder).filter((f) => f.startsWith("plan-")).sort()[0];
  return new core.Engine(run(path.join(folder, name)).PLAN_SEARCH_DATA);
}

function catalogEngine(site) {
  const folder = path.join(site, "search");
  const read = {files: [], bytes: 0};
  function loadFile(file, name, callback) {
    const full = path.join(folder, file);
    read.files.push(file);
    read.bytes += fs.statSync(full).size;
    callback(run(full).PLAN_SEARCH_PARTS[name]);
  }
  const catalog = new (makeCatalog(core, loadFile).Catalog)(run(path.join(folder, "catalog.js")).PLAN_SEARCH_PARTS.catalog);
  catalog.read = read;
  /* synchronous here: every file is read before search returns */
  catalog.searchNow = function (query, options) {
    let hits = null;
    catalog.search(query, options || {}, (h) => { hits = h; });
    return hits;
  };
  return catalog;
}

module.exports = {lunr, core, planEngine, catalogEngine};
