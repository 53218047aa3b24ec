/* The catalog-wide search: loads only the parts of the index a query needs (see
   generator/search/catalog.py for the layout), then runs the same engine as a plan's own
   search page over the fragments that can hold the query. Files are scripts registering
   their data in window.PLAN_SEARCH_PARTS, loaded by <script> tags (file:// and http alike). */
/* loadFile(path, name, callback): fetches search/<path> and calls callback(data registered as name). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.PlanCatalog = factory;
  }
})(this, function (core, loadFile) {
  "use strict";

  var LETTER_OR_DIGIT = /[\p{L}\p{N}.%]/u;
  var BATCH = 2; /* fragments fetched at a time */
  var PAGE = 20; /* results a fetch of fragments aims at (search.js lists 20 at a time) */
  var MOST = 6; /* fragments a fetch stops at once it has found a result */
  var RANKED = 4; /* fragments a fetch stops at once it has a page, better ones left or not */
  var PARTIAL = 6; /* fragments holding only some of the query fetched at a time, most of it first */
  var UNFOUND = 8; /* fragments that might hold every word fetched before partial matches are listed meanwhile */
  var ROW = 5; /* numbers per posting row: document gap, title and body tf, title and body length */

  function decodeDelta(list) {
    var out = [];
    var at = 0;
    (list || []).forEach(function (d) {
      at += d;
      out.push(at);
    });
    return out;
  }

  /* The index of the last chunk whose first key is not after ``key``. */
  function chunkOf(firsts, key) {
    var lo = 0;
    var hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= key) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  function Catalog(entry) {
    var engine = Object.create(core.Engine.prototype);
    this.entry = entry;
    this.engine = engine;
    this.loaded = Object.create(null);
    this.postings = new Map();
    this.postingChunk = new Map();
    this.charFrags = new Map();
    this.extra = new Map();
    this.zero = new Map();
    this.inPlan = new Map(); /* word -> plan -> its postings in that plan's documents */
    this.loadedPlans = new Set();
    this.home = [];
    this.ranges = entry.plans.map(function () { return [Infinity, -Infinity]; });
    this.heads = entry.plans.map(function () { return new Set(); });
    var seen = new Set();
    var lone = new Set(entry.lone || []); /* fragments of documents outside chapters */
    for (var r = 0; r + 1 < entry.home.length; r += 2) {
      for (var k = 0; k < entry.home[r + 1]; k++) {
        var range = this.ranges[entry.frags[entry.home[r]]];
        range[0] = Math.min(range[0], this.home.length);
        range[1] = Math.max(range[1], this.home.length + 1);
        if (k === 0 && !seen.has(entry.home[r]) && !lone.has(entry.home[r])) {
          this.heads[entry.frags[entry.home[r]]].add(this.home.length); /* a chapter's fragment opens with its heading */
        }
        seen.add(entry.home[r]);
        this.home.push(entry.home[r]);
      }
    }
    engine.planSize = entry.docs / Math.max(1, entry.plans.length);
    engine.data = entry;
    engine.fold = core.makeFold(entry.t2s);
    engine.vocab = new Set();
    engine.df = new Map();
    engine.trie = core.makeTrie([]);
    engine.terms = core.makeTerms(engine.trie, engine.vocab, entry.maxTerm);
    engine.stopWords = new Set((entry.stop || "").split("\n").filter(Boolean));
    engine.synonyms = new Map();
    (entry.syn || []).forEach(function (group) {
      var set = group.split("\n");
      set.forEach(function (w) { engine.synonyms.set(w, set); });
    });
    engine.docs = new Array(entry.docs);
    engine.prepare = function () { return true; };
    var self = this;
    /* Plans apart: each plan is searched through a view of the engine holding that plan's
       own vocabulary (the words of the query it has) and postings, as its own page is; its
       scores come from the core's one scoring function (``postingScores``). */
    engine.planViews = function (options) {
      return Array.from(self.loadedPlans).filter(function (p) { return !options.plans || options.plans.has(p); })
        .sort(function (a, b) { return a - b; }).map(function (p) { return self.view(p); });
    };
    this.suggested = new Map();
    /* Words to try instead: the loaded words, and the words holding a typed character */
    engine.suggest = function (query, limit) {
      var df = new Map(self.suggested);
      engine.df.forEach(function (n, w) { df.set(w, n); });
      return core.Engine.prototype.suggest.call({fold: engine.fold, vocab: new Set(df.keys()), df: df}, query, limit);
    };
  }

  /* Chunks holding every word that starts with ``c`` (a range of keys) and the key ``c``. */
  Catalog.prototype.chunksFor = function (c) {
    var firsts = this.entry.chunks;
    var found = [];
    var at = chunkOf(firsts, c);
    found.push(at);
    while (at + 1 < firsts.length && firsts[at + 1].slice(0, c.length) === c) {
      at += 1;
      found.push(at);
    }
    return found;
  };

  Catalog.prototype.load = function (names, done) {
    var self = this;
    var waiting = names.filter(function (n) { return !self.loaded[n]; });
    var left = waiting.length;
    if (!left) {
      done();
      return;
    }
    waiting.forEach(function (name) {
      var path = name.charAt(0) + "/" + name.slice(1) + ".js";
      loadFile(path, name, function (data) {
        if (!self.loaded[name]) {
          self.loaded[name] = true;
          self.take(name, data);
        }
        left -= 1;
        if (!left) {
          done();
        }
      });
    });
  };

  Catalog.prototype.take = function (name, data) {
    if (!data) {
      return;
    }
    if (name.charAt(0) === "t") {
      this.takeChunk(data);
    } else if (name.charAt(0) === "p") {
      this.takePostings(data);
    } else {
      this.takeFragment(data);
    }
  };

  Catalog.prototype.takeChunk = function (data) {
    var self = this;
    var engine = this.engine;
    var words = [];
    data.k.split("\n").forEach(function (key, i) {
      var w = data.w[i];
      if (w) {
        engine.vocab.add(key);
        engine.df.set(key, w[0]);
        self.postingChunk.set(key, w[1]);
        words.push(key);
      }
      if (data.c[i]) {
        self.charFrags.set(key, decodeDelta(data.c[i]));
      }
      (data.s[i] || []).forEach(function (row) {
        var pair = row.split(" ");
        self.suggested.set(pair[0], Number(pair[1]));
      });
    });
    core.addWords(engine.trie, words);
  };

  Catalog.prototype.takePostings = function (data) {
    var self = this;
    data.k.split("\n").forEach(function (word, i) {
      self.postings.set(word, data.p[i]);
      self.extra.set(word, decodeDelta(data.x[i] || []));
      self.zero.set(word, decodeDelta(data.z[i] || []));
    });
  };

  Catalog.prototype.takeFragment = function (data) {
    var engine = this.engine;
    var entry = this.entry;
    var texts = data.text.split("\n");
    data.ids.split("\n").forEach(function (id, i) {
      var n = data.n[i];
      var parent = data.parent[i];
      var parts = texts[i].split("\t");
      var kind = data.kind[i];
      var review = data.review[i] === "1";
      var doc = {
        n: n, id: id.charAt(0) === "+" ? engine.docs[parent].id + "__" + id.slice(1) : id,
        page: entry.pages[data.page[i]], parent: parent, kind: kind, number: data.number[i],
        title: parts[0], rest: parts[1], lead: data.lead[i] === "1", review: review,
        rank: core.kindRank(kind, review), chapter: data.chapter[i], stages: data.stage[i],
        weight: core.docWeight(kind, review), children: [], plan: data.plan
      };
      doc.titleFolded = engine.fold(doc.title);
      doc.restFolded = engine.fold(doc.rest);
      doc.folded = doc.titleFolded + "\n" + doc.restFolded;
      var spans = [];
      var at = 0;
      var cut = data.spans[i];
      for (var k = 0; k + 1 < cut.length; k += 2) {
        at += cut[k];
        spans.push([at, at + cut[k + 1]]);
        at += cut[k + 1];
      }
      doc.counts = {spans: spans, lengths: null};
      engine.docs[n] = doc;
      if (parent >= 0 && engine.docs[parent]) {
        engine.docs[parent].children.push(n);
      }
    });
    this.loadedPlans.add(data.plan);
    data.n.forEach(function (n) {
      var doc = engine.docs[n];
      doc.clause = doc.kind === "i" ? engine.clauseText(doc) : doc.folded;
      doc.wide = doc.folded + engine.contextText(doc);
    });
  };

  /* What a query needs from the index: the chunks of every character typed (every word
     starting there) and of the synonyms of words it contains. */
  Catalog.prototype.chunkNames = function (folded) {
    var self = this;
    var names = new Set();
    var chars = new Set(Array.from(folded).filter(function (c) { return LETTER_OR_DIGIT.test(c); }));
    this.engine.synonyms.forEach(function (set, word) {
      if (folded.indexOf(word) >= 0) {
        set.forEach(function (alt) {
          Array.from(alt).forEach(function (c) { chars.add(c); });
          names.add("t" + chunkOf(self.entry.chunks, alt));
        });
      }
    });
    chars.forEach(function (c) {
      self.chunksFor(c).forEach(function (n) { names.add("t" + n); });
    });
    return Array.from(names);
  };

  /* The posting chunks of the words the analysed query ``q`` was cut into, of every word of
     the catalog standing in its runs and variants (whatever the cut: each plan cuts the
     query with its own words, all of them among these) and of their synonyms: what cutting
     per plan, scoring and choosing fragments need, fetched once the query is cut. */
  Catalog.prototype.postingNames = function (q) {
    var self = this;
    var names = new Set();
    var words = q.words.slice();
    q.groups.forEach(function (g) { words = words.concat(g.alts); });
    q.runs.forEach(function (run) { words = words.concat(self.engine.wordsWithin(run)); });
    words.forEach(function (w) {
      if (self.postingChunk.has(w)) {
        names.add("p" + self.postingChunk.get(w));
      }
    });
    return Array.from(names);
  };

  /* A word's posting rows in the documents of plan ``plan`` ([document gap, title tf, body tf,
     title length, body length, ...], the first gap from 0), or undefined when none of them
     holds it as a term (split once per word). */
  Catalog.prototype.postingsIn = function (word, plan) {
    var byPlan = this.inPlan.get(word);
    if (!byPlan) {
      byPlan = new Map();
      var last = new Map();
      var flat = this.postings.get(word) || [];
      var doc = 0;
      for (var k = 0; k + ROW - 1 < flat.length; k += ROW) {
        doc += flat[k];
        var p = this.entry.frags[this.home[doc]];
        if (!byPlan.has(p)) {
          byPlan.set(p, []);
          last.set(p, 0);
        }
        byPlan.get(p).push(doc - last.get(p), flat[k + 1], flat[k + 2], flat[k + 3], flat[k + 4]);
        last.set(p, doc);
      }
      this.inPlan.set(word, byPlan);
    }
    return byPlan.get(plan);
  };

  /* The engine as plan ``plan``'s own search page has it, for the words whose postings are
     loaded (every word of the catalog the query holds): that plan's vocabulary (the words
     with postings in its documents, and those of its vocabulary its cut never made a term:
     the posting chunks' ``z``), lunr.py's statistics of its own index (document counts per
     word, documents, average field lengths), its documents, and its postings, whose weights
     the plan's own page's formula computes (``Engine.weight``). Kept for the current query. */
  Catalog.prototype.view = function (plan) {
    var self = this;
    var views = this.current.views;
    if (!views.has(plan)) {
      var words = [];
      var df = new Map();
      this.postings.forEach(function (flat, word) {
        var rows = self.postingsIn(word, plan);
        if (rows) {
          words.push(word);
          var n = 0;
          for (var k = 0; k < rows.length; k += ROW) {
            n += (rows[k + 1] ? 1 : 0) + (rows[k + 2] ? 1 : 0); /* per field, as lunr.py's idf counts */
          }
          df.set(word, n);
        } else if ((self.zero.get(word) || []).indexOf(plan) >= 0) {
          words.push(word);
        }
      });
      var view = Object.create(this.engine);
      view.plan = plan;
      view.vocab = new Set(words);
      view.trie = core.makeTrie(words);
      view.terms = core.makeTerms(view.trie, view.vocab, this.entry.maxTerm);
      view.df = df;
      view.range = this.ranges[plan];
      view.heads = this.heads[plan];
      view.planViews = null;
      var stats = this.entry.stats[plan];
      view.data = Object.create(this.entry);
      view.data.count = stats[0];
      view.data.avg = [stats[1], stats[2]];
      var weighted = new Map();
      view.postingsFor = function () {
        return function (word) {
          if (!weighted.has(word)) {
            weighted.set(word, self.weights(view, word, self.postingsIn(word, plan)));
          }
          return weighted.get(word);
        };
      };
      views.set(plan, view);
    }
    return views.get(plan);
  };

  /* Fragments whose texts hold every character of ``text`` (a superset of those holding it
     as typed or in pieces: the engine's matching never depends on how the vocabulary cut
     the query, and neither does the choice of fragments). */
  Catalog.prototype.charsFragments = function (text) {
    var self = this;
    var common = null;
    new Set(Array.from(text)).forEach(function (c) {
      var list = self.charFrags.get(c) || [];
      common = common === null ? new Set(list) : new Set(list.filter(function (f) { return common.has(f); }));
    });
    return common || new Set();
  };

  /* A plan's posting rows of ``word`` as postings of weights ([document gap, t weight, b
     weight, ...]): lunr.py's formula with the plan's statistics (``view.weight``), the
     numbers its own index holds. */
  Catalog.prototype.weights = function (view, word, rows) {
    if (!rows) {
      return rows;
    }
    var fields = this.entry.fields;
    var out = [];
    for (var k = 0; k < rows.length; k += ROW) {
      out.push(rows[k],
               rows[k + 1] ? view.weight(word, rows[k + 1], rows[k + 3], 0, fields[0][1]) : 0,
               rows[k + 2] ? view.weight(word, rows[k + 2], rows[k + 4], 1, fields[1][1]) : 0);
    }
    return out;
  };

  /* The fragments that can hold a result (``full``: every phrase of the query as the
     fragment's plan cuts it, each in one of its variants, headings included, since a
     clause's headings are in its fragment), best lunr score first (damped as the ranking
     damps it, times the plan's factor: the scale of the results' scores), fragments of equal
     score (a query of no vocabulary word, 镇中, has none) those of the plan most about it
     first (its factor: a title saying the query), and those that can hold only some (``partial``: two characters side by side
     of some phrase: those holding the most of the query first, each pair of characters
     counted once with its idf over the fragments, log(1 + fragments / fragments holding it)),
     in the plans ``plans`` allows. */
  Catalog.prototype.plan = function (query, plans) {
    var self = this;
    var frags = this.entry.frags;
    var held = new Map();
    function holding(text) {
      if (!held.has(text)) {
        held.set(text, self.charsFragments(text));
      }
      return held.get(text);
    }
    var parts = [];
    this.entry.plans.forEach(function (_, p) {
      if (!plans || plans.has(p)) {
        var view = self.view(p);
        var own = view.analyse(query);
        if (own.groups.length) {
          parts.push({view: view, query: own});
        }
      }
    });
    var factors = this.engine.planFactors(parts);
    var full = [];
    var any = new Set();
    var best = new Map();
    var share = new Map(); /* fragment -> the idf of the query's character pairs it holds */
    var counted = new Set();
    var total = this.entry.frags.length;
    parts.forEach(function (part, i) {
      var p = part.view.plan;
      var inPlan = null;
      part.query.phrases.forEach(function (phrase) {
        var holds = new Set();
        phrase.forEach(function (variant) {
          holding(variant).forEach(function (f) { if (frags[f] === p) { holds.add(f); } });
          var cps = Array.from(variant);
          for (var k = 0; k + 1 < cps.length || (k === 0 && cps.length === 1); k++) {
            var pair = cps.slice(k, k + 2).join("");
            var those = holding(pair);
            var idf = Math.log(1 + total / Math.max(1, those.size));
            those.forEach(function (f) {
              if (frags[f] === p) {
                any.add(f);
                if (!counted.has(f + pair)) {
                  counted.add(f + pair);
                  share.set(f, (share.get(f) || 0) + idf);
                }
              }
            });
          }
        });
        inPlan = inPlan === null ? holds : new Set(Array.from(inPlan).filter(function (f) { return holds.has(f); }));
      });
      (inPlan || []).forEach(function (f) { full.push(f); });
      part.view.lunrScores(part.query.words).forEach(function (score, doc) {
        var f = self.home[doc];
        best.set(f, Math.max(best.get(f) || 0, Math.pow(score, core.LUNR_POWER) * factors[i]));
      });
    });
    var fullSet = new Set(full);
    var factorOf = new Map();
    parts.forEach(function (part, i) { factorOf.set(part.view.plan, factors[i]); });
    function factor(f) {
      return factorOf.get(frags[f]) || 1;
    }
    var ordered = full.sort(function (a, b) {
      return ((best.get(b) || 0) - (best.get(a) || 0)) || (factor(b) - factor(a)) || (a - b);
    });
    ordered = this.aboutFirst(ordered, parts, factors);
    var partial = Array.from(any).filter(function (f) { return !fullSet.has(f); })
      .sort(function (a, b) { return (share.get(b) - share.get(a)) || (a - b); });
    return {full: ordered, partial: partial, best: best};
  };

  /* ``ordered`` (fragments, best first) with the best fragment of each of the BATCH plans
     most about the query (the highest plan factors above 1) moved to the front: collection
     selection, as CORI ranks collections to search first. A fragment's lunr score cannot
     tell how often its clauses say the query, which the ranking counts, so a plan about the
     topic would otherwise wait behind another plan's chapters of high lunr scores. */
  Catalog.prototype.aboutFirst = function (ordered, parts, factors) {
    var self = this;
    var top = parts.map(function (part, i) { return [factors[i], part.view.plan]; })
      .filter(function (pair) { return pair[0] > 1; })
      .sort(function (a, b) { return (b[0] - a[0]) || (a[1] - b[1]); })
      .slice(0, BATCH).map(function (pair) { return pair[1]; });
    var first = [];
    top.forEach(function (plan) {
      var f = ordered.find(function (g) { return self.entry.frags[g] === plan; });
      if (f !== undefined) {
        first.push(f);
      }
    });
    return first.concat(ordered.filter(function (f) { return first.indexOf(f) < 0; }));
  };

  /* The engine's results over the fragments loaded; ``pending``: fragments that can hold
     results and are not loaded yet; ``partialPending``: whether clauses holding only some
     words may lie in fragments not loaded (their count is then unknown). */
  Catalog.prototype.results = function () {
    var s = this.current;
    var hits = this.engine.search(s.query, s.options);
    var self = this;
    hits.pending = s.plan.full.filter(function (f) { return !self.loaded["f" + f]; }).length;
    hits.partialPending = hits.pending > 0 || s.plan.partial.some(function (f) { return !self.loaded["f" + f]; });
    return hits;
  };

  /* Loads the fragments that can hold results, BATCH at a time, best first, until PAGE
     more results than ``have`` are found and either the best fragment not loaded can place
     no clause above the last of them (its best lunr score is below that result's score: one
     chapter of many weak matches must not keep a better plan off the page) or RANKED
     fragments were fetched (the bytes a page may cost); or until MOST fragments were
     fetched and one more result was found, or none is left; or until UNFOUND fragments were
     fetched, none holding a result but some holding part of the query, more than the page
     lists already (those are listed, and
     the next call fetches on: a query no clause holds whole must not fetch every chapter that
     might; eight chapters keep a hundred plans' catalog within its 150 KB); then, when no clause holds every word, the fragments holding some (the engine
     lists those instead), until more than ``partials`` (those listed before) are found. */
  Catalog.prototype.more = function (done, have, fetched, partials) {
    var self = this;
    var s = this.current;
    have = have === undefined ? (s.hits ? s.hits.results.length : 0) : have;
    partials = partials === undefined ? (s.hits ? s.hits.partial.length : 0) : partials;
    fetched = fetched || 0;
    var next = s.plan.full.filter(function (f) { return !self.loaded["f" + f]; }).slice(0, BATCH);
    this.load(next.map(function (f) { return "f" + f; }), function () {
      if (self.current !== s) {
        return;
      }
      var hits = self.results();
      s.hits = hits;
      fetched += next.length;
      var page = hits.results.length >= have + PAGE;
      var enough = (page && (fetched >= RANKED || !self.couldRankHigher(hits.results[have + PAGE - 1]))) ||
        (fetched >= MOST && hits.results.length > have);
      var none = fetched >= UNFOUND && !hits.results.length && hits.partial.length > partials; /* no result, some more listed */
      if (none && hits.pending) {
        done(hits);
      } else if (!enough && hits.pending) {
        self.more(done, have, fetched, partials);
      } else if (!hits.results.length && hits.partialPending) {
        self.morePartial(done, partials);
      } else {
        done(hits);
      }
    });
  };

  /* Whether a fragment not loaded yet may hold a clause ranked above ``last``: its best lunr
     score is higher than ``last``'s score. */
  Catalog.prototype.couldRankHigher = function (last) {
    var self = this;
    var s = this.current;
    var next = s.plan.full.filter(function (f) { return !self.loaded["f" + f]; })[0];
    return next !== undefined && (s.plan.best.get(next) || 0) > last.score;
  };

  /* Loads the fragments that can hold every word of the query and the PARTIAL next ones
     that can hold some (most of the query first): a query no clause holds whole, in a
     catalog of a hundred plans, would otherwise fetch every chapter holding one of its
     characters side by side (5.9 MB gzip for 外来务工子女). ``results().partialPending`` says
     whether more are left (the page's 显示更多结果 loads them). Fetches on, PARTIAL at a
     time, while the clauses holding some of the query are no more than ``have`` (those the
     page lists already; none when not given) and more are left: a chapter can hold the
     query's characters in clauses apart, none of them a match (and a stage filter leaves out
     whole plans), and the page must neither say nothing was found nor offer 显示更多结果 for
     a press that lists nothing. */
  Catalog.prototype.morePartial = function (done, have) {
    var self = this;
    var s = this.current;
    have = have || 0;
    var left = s.plan.partial.filter(function (f) { return !self.loaded["f" + f]; });
    var names = s.plan.full.concat(left.slice(0, PARTIAL)).map(function (f) { return "f" + f; });
    this.load(names, function () {
      if (self.current !== s) {
        return;
      }
      s.hits = self.results();
      if (s.hits.partial.length <= have && s.hits.partialPending) {
        self.morePartial(done, have);
      } else {
        done(s.hits);
      }
    });
  };

  /* Loads what ``query`` needs for its first page of results, then calls ``done(hits)``. */
  Catalog.prototype.search = function (query, options, done) {
    var self = this;
    var folded = Array.from(this.engine.fold(String(query || ""))).slice(0, core.QUERY_LIMIT).join("");
    var s = {query: query, options: options, views: new Map()};
    this.current = s;
    this.load(this.chunkNames(folded), function () {
      if (self.current !== s) {
        return;
      }
      var q = self.engine.analyse(query);
      self.load(self.postingNames(q), function () {
        if (self.current !== s) {
          return;
        }
        s.plan = self.plan(query, options.plans);
        self.more(done, 0);
      });
    });
  };

  return {Catalog: Catalog, chunkOf: chunkOf};
});
