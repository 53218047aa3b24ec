/* Search engine core: normalisation, segmentation, lunr index reconstruction, ranking.
 * No DOM here, so Node can run it in the tests. Mirrors generator/search.py:
 * `fold` = normalise, `terms` = fmm_terms, `weight` = lunr.py's Builder scoring.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.PlanSearch = factory;
  }
})(this, function (lunr) {
  "use strict";

  var K1 = 1.2;
  var B = 0.75;
  var RUN = /[\p{L}\p{N}%.]+/gu;
  var QUERY_LIMIT = 64; // code points of a query that are looked at

  /* -- text ------------------------------------------------------------------------ */

  function makeFold(pairs) {
    var table = Object.create(null);
    var chars = Array.from(pairs);
    for (var i = 0; i + 1 < chars.length; i += 2) {
      table[chars[i]] = chars[i + 1];
    }
    var cache = Object.create(null);
    /* Per code point: NFKC, traditional -> simplified, lower case (as search.py's normalise). */
    function foldChar(c) {
      var hit = cache[c];
      if (hit !== undefined) {
        return hit;
      }
      var out = Array.from(c.normalize("NFKC")).map(function (d) { return table[d] || d; }).join("").toLowerCase();
      cache[c] = out;
      return out;
    }
    return function fold(text) {
      var out = "";
      for (var ch of text) {
        out += foldChar(ch);
      }
      return out;
    };
  }

  function decodeVocab(coded) {
    var words = [];
    var previous = [];
    coded.split("\n").forEach(function (line) {
      if (!line) {
        return;
      }
      var shared = line.charCodeAt(0) - 48;
      var word = previous.slice(0, shared).concat(Array.from(line.slice(1)));
      words.push(word.join(""));
      previous = word;
    });
    return words;
  }

  function makeTrie(words) {
    var trie = new Map();
    words.forEach(function (word) {
      var node = trie;
      for (var ch of word) {
        var next = node.get(ch);
        if (!next) {
          next = new Map();
          node.set(ch, next);
        }
        node = next;
      }
      node.set("", true);
    });
    return trie;
  }

  /* Longest vocabulary match first, each followed by the vocabulary words inside it
     (2-grams, then 3-grams, ...), as fmm_terms in generator/search.py. Positions are in
     code points (texts outside the Basic Multilingual Plane are split with Array.from). */
  function makeTerms(trie, vocab, maxTerm) {
    var ASTRAL = /[\uD800-\uDFFF]/;
    function inner(word, n0) {
      var found = [];
      for (var n = 2; n < n0; n++) {
        for (var a = 0; a + n <= n0; a++) {
          var sub = word.slice(a, a + n);
          if (vocab.has(sub)) {
            found.push(sub);
          }
        }
      }
      return found;
    }
    return function terms(text, spans) {
      var cps = ASTRAL.test(text) ? Array.from(text) : text;
      var length = cps.length;
      var result = [];
      var i = 0;
      while (i < length) {
        var node = trie;
        var best = 0;
        for (var j = i; j < length && j - i < maxTerm; j++) {
          node = node.get(cps[j]);
          if (node === undefined) {
            break;
          }
          if (j > i && node.has("")) {
            best = j - i + 1;
          }
        }
        if (best) {
          var piece = cps.slice(i, i + best);
          var word = typeof piece === "string" ? piece : piece.join("");
          result.push(word);
          if (best > 2) {
            var inside = inner(piece, best);
            for (var k = 0; k < inside.length; k++) {
              result.push(typeof inside[k] === "string" ? inside[k] : inside[k].join(""));
            }
          }
          if (spans) {
            spans.push([i, i + best]);
          }
          i += best;
        } else {
          i += 1;
        }
      }
      return result;
    };
  }

  /* -- engine ---------------------------------------------------------------------------- */

  function Engine(data) {
    var self = this;
    this.data = data;
    this.fold = makeFold(data.t2s);
    var words = decodeVocab(data.vocab);
    this.vocab = new Set(words);
    this.df = new Map();
    words.forEach(function (w, i) {
      if (data.df[i]) {
        self.df.set(w, data.df[i]);
      }
    });
    this.terms = makeTerms(makeTrie(words), this.vocab, data.maxTerm);
    this.prepared = 0;
    var ids = data.ids.split("\n");
    var texts = data.text.split("\n");
    this.docs = ids.map(function (id, i) {
      var parts = texts[i].split("\t");
      return {
        n: i, id: id, page: data.pages[data.page[i]], parent: data.parent[i], kind: data.kind[i],
        number: data.number[i], title: parts[0], rest: parts[1], lead: data.lead[i] === "1",
        chapter: data.chapter[i], stages: data.stage[i], weight: data.weight[i] / 10, children: [],
        counts: null
      };
    });
    this.docs.forEach(function (doc) {
      doc.titleFolded = self.fold(doc.title);
      doc.restFolded = self.fold(doc.rest);
      doc.folded = doc.titleFolded + "\n" + doc.restFolded;
      if (doc.parent >= 0) {
        self.docs[doc.parent].children.push(doc.n);
      }
    });
    this.docs.forEach(function (doc) {
      doc.clause = doc.kind === "i" ? self.clauseText(doc) : doc.folded;
    });
  }

  /* -- the lunr.py index, the rows a query needs ------------------------------------ */

  /* Python's round(x, 3): the double nearest to x rounded on its exact decimal value. */
  function pyRound3(x) {
    var scaled = x * 1000;
    var nearest = Math.round(scaled);
    if (Math.abs(Math.abs(scaled - nearest) - 0.5) > 1e-6) {
      return nearest / 1000; /* far from a tie: the product's rounding error cannot matter */
    }
    var floor = Math.floor(scaled);
    if (scaled - floor === 0.5) { /* an exact tie: Python rounds half to even */
      return (floor % 2 === 0 ? floor : floor + 1) / 1000;
    }
    return Number(x.toFixed(3));
  }

  /* lunr.js scores a document by the dot product of the query vector with the document's
     field vectors, so only the components of the query's terms matter. This builds, in
     lunr's serialized form, the part of lunr.py's index that holds those terms: postings
     and field-vector components computed with lunr.py's formula from lunr.py's own
     statistics (documents per term, field lengths, average lengths). Querying it gives
     the scores the whole index gives. */
  Engine.prototype.partialIndex = function (words, candidates) {
    var self = this;
    var data = this.data;
    var fields = data.fields.map(function (f) { return f[0]; });
    var noMetadata = {};
    var inverted = {};
    var vectors = [];
    var used = words.filter(function (w) { return self.df.get(w); }).sort();
    used.forEach(function (word, index) {
      var posting = {_index: index};
      fields.forEach(function (field) { posting[field] = {}; });
      inverted[word] = posting;
    });
    candidates.forEach(function (doc) {
      var counts = self.termCounts(doc);
      var ref = String(doc.n);
      fields.forEach(function (field, f) {
        var pairs = [];
        used.forEach(function (word, index) {
          var tf = counts[f].get(word);
          if (tf) {
            inverted[word][field][ref] = noMetadata;
            pairs.push(index, self.weight(word, tf, data.len[doc.n][f], f, data.fields[f][1]));
          }
        });
        if (pairs.length) {
          vectors.push([field + "/" + ref, pairs]);
        }
      });
    });
    return {
      version: lunr.version,
      fields: fields,
      fieldVectors: vectors,
      invertedIndex: used.map(function (word) { return [word, inverted[word]]; }),
      pipeline: []
    };
  };

  /* lunr.py's Builder: BM25 with k1 = 1.2, b = 0.75, times the field boost, to 3 decimals. */
  Engine.prototype.weight = function (word, tf, length, field, boost) {
    var withTerm = this.df.get(word);
    var idf = Math.log(1 + Math.abs((this.data.count - withTerm + 0.5) / (withTerm + 0.5)));
    var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / this.data.avg[field])) + tf);
    score *= boost;
    score *= 1;
    return pyRound3(score);
  };

  /* Term frequencies of a document's fields, cut as the index was cut (kept once computed). */
  Engine.prototype.termCounts = function (doc) {
    if (!doc.counts) {
      var terms = this.terms;
      doc.counts = [doc.titleFolded, doc.restFolded].map(function (text) {
        var counts = new Map();
        terms(text).forEach(function (w) { counts.set(w, (counts.get(w) || 0) + 1); });
        return counts;
      });
    }
    return doc.counts;
  };

  /* Cut every document ahead of time (in idle time), so later queries only look up. */
  Engine.prototype.prepare = function (deadline) {
    while (this.prepared < this.docs.length && (!deadline || deadline.timeRemaining() > 2)) {
      var doc = this.docs[this.prepared++];
      if (doc.kind !== "c") {
        this.termCounts(doc);
      }
    }
    return this.prepared >= this.docs.length;
  };

  /* lunr.js's scores for the query's words (each an optional term, boosted by its length). */
  Engine.prototype.lunrScores = function (words) {
    var self = this;
    var scores = new Map();
    var indexed = words.filter(function (w) { return self.df.get(w); });
    if (!indexed.length) {
      return scores;
    }
    var candidates = this.docs.filter(function (doc) {
      return doc.kind !== "c" && indexed.some(function (w) { return doc.folded.indexOf(w) >= 0; });
    });
    var index = lunr.Index.load(this.partialIndex(indexed, candidates));
    index.query(function (builder) {
      indexed.forEach(function (w) {
        builder.term(w, {
          fields: ["t", "b"], boost: Array.from(w).length, usePipeline: false,
          wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL
        });
      });
    }).forEach(function (hit) { scores.set(Number(hit.ref), hit.score); });
    return scores;
  };

  Engine.prototype.clauseText = function (doc) {
    var self = this;
    var text = doc.folded;
    doc.children.forEach(function (child) {
      var c = self.docs[child];
      if (c.kind === "m" || c.kind === "i") {
        text += "\n" + self.clauseText(c);
      }
    });
    return text;
  };

  /* The query as the index would cut it: runs of letters and digits, vocabulary words
     (longest first, with the words inside them), and the spans no word covers. */
  Engine.prototype.analyse = function (query) {
    var self = this;
    var folded = Array.from(this.fold(String(query || ""))).slice(0, QUERY_LIMIT).join("");
    var runs = folded.match(RUN) || [];
    var words = [];
    var pieces = [];
    runs.forEach(function (run) {
      var spans = [];
      var found = self.terms(run, spans);
      found.forEach(function (w) {
        if (words.indexOf(w) < 0) {
          words.push(w);
        }
      });
      var cps = Array.from(run);
      var covered = 0;
      spans.forEach(function (span) {
        if (span[0] > covered) {
          pieces.push.apply(pieces, grams(cps.slice(covered, span[0])));
        }
        pieces.push(cps.slice(span[0], span[1]).join(""));
        covered = span[1];
      });
      if (covered < cps.length) {
        pieces.push.apply(pieces, grams(cps.slice(covered)));
      }
    });
    return {runs: runs, words: words, pieces: unique(pieces)};
  };

  function grams(cps) {
    if (cps.length === 1) {
      return [cps[0]];
    }
    var result = [];
    for (var i = 0; i + 1 < cps.length; i++) {
      result.push(cps[i] + cps[i + 1]);
    }
    return result;
  }

  function unique(list) {
    return list.filter(function (x, i) { return x && list.indexOf(x) === i; });
  }

  function count(text, piece) {
    var n = 0;
    var at = text.indexOf(piece);
    while (at >= 0) {
      n += 1;
      at = text.indexOf(piece, at + piece.length);
    }
    return n;
  }

  /* Clauses matching the query, best first: every query run as written, then every
     word, then some; within each, lunr's score (a point adds half its paragraphs'),
     with a small bonus for the words' occurrences, times the document's weight. */
  Engine.prototype.search = function (query, options) {
    options = options || {};
    var self = this;
    var q = this.analyse(query);
    if (!q.pieces.length) {
      return {query: q, results: [], indicators: []};
    }
    var lunrScores = this.lunrScores(q.words);
    var total = q.pieces.reduce(function (sum, p) { return sum + Array.from(p).length; }, 0);
    var results = [];
    var indicators = [];
    this.docs.forEach(function (doc) {
      if (doc.kind === "c") {
        return;
      }
      if (options.chapter !== undefined && options.chapter !== null && options.chapter !== "" && doc.chapter !== Number(options.chapter)) {
        return;
      }
      if (options.stage !== undefined && options.stage !== null && options.stage !== "" && !(doc.stages & (1 << Number(options.stage)))) {
        return;
      }
      var text = doc.clause;
      var got = 0;
      q.pieces.forEach(function (p) {
        if (text.indexOf(p) >= 0) {
          got += Array.from(p).length;
        }
      });
      if (!got) {
        return;
      }
      var exact = q.runs.every(function (run) { return text.indexOf(run) >= 0; });
      var tier = exact ? 3 : (got === total ? 2 : 1);
      var score = lunrScores.get(doc.n) || 0;
      if (doc.kind === "i") {
        doc.children.forEach(function (c) { score += 0.5 * (lunrScores.get(c) || 0); });
      }
      var occurrences = 0;
      q.pieces.forEach(function (p) {
        occurrences += 3 * count(doc.titleFolded, p) + count(text, p);
      });
      score = (score + 0.2 * occurrences / Math.sqrt(1 + text.length / 100)) * doc.weight;
      var hit = {doc: doc, tier: tier, coverage: got / total, score: score};
      (doc.kind === "n" ? indicators : results).push(hit);
    });
    function order(a, b) {
      return (b.tier - a.tier) || (b.coverage - a.coverage) || (b.score - a.score) || (a.doc.n - b.doc.n);
    }
    results.sort(order);
    indicators.sort(order);
    return {query: q, results: results, indicators: indicators};
  };

  /* Vocabulary words sharing characters with the query, most widespread first. */
  Engine.prototype.suggest = function (query, limit) {
    var self = this;
    var chars = new Set(Array.from(this.fold(String(query || ""))).filter(function (c) { return /[\p{L}\p{N}]/u.test(c); }));
    if (!chars.size) {
      return [];
    }
    var scored = [];
    this.vocab.forEach(function (word) {
      var shared = 0;
      for (var ch of word) {
        if (chars.has(ch)) {
          shared += 1;
        }
      }
      if (shared) {
        scored.push([word, shared, self.df.get(word) || 0]);
      }
    });
    scored.sort(function (a, b) { return (b[1] - a[1]) || (b[2] - a[2]) || (a[0] < b[0] ? -1 : 1); });
    return scored.slice(0, limit || 8).map(function (s) { return s[0]; });
  };

  /* Display text of a result and the spans to highlight: [[text, marked], ...]. */
  /* The text a result stands for: a point shows its heading and its paragraphs. */
  Engine.prototype.displayText = function (doc) {
    var self = this;
    var text = doc.title + (doc.lead || !doc.title || !doc.rest ? "" : " ") + doc.rest;
    if (doc.kind === "i") {
      doc.children.forEach(function (c) {
        var child = self.docs[c];
        if (child.kind === "m" || child.kind === "i") {
          text += " " + self.displayText(child);
        }
      });
    }
    return text;
  };

  Engine.prototype.snippet = function (doc, query, width) {
    var self = this;
    var original = Array.from(this.displayText(doc));
    var folded = [];
    var owner = [];
    original.forEach(function (ch, i) {
      var f = Array.from(self.fold(ch));
      f.forEach(function (c) { folded.push(c); owner.push(i); });
    });
    var foldedText = folded.join("");
    var marked = new Array(original.length).fill(false);
    var first = -1;
    query.pieces.concat(query.runs).forEach(function (p) {
      var plen = Array.from(p).length;
      var at = foldedText.indexOf(p);
      while (at >= 0) {
        var start = Array.from(foldedText.slice(0, at)).length;
        for (var k = start; k < start + plen; k++) {
          marked[owner[k]] = true;
        }
        if (first < 0 || owner[start] < first) {
          first = owner[start];
        }
        at = foldedText.indexOf(p, at + p.length);
      }
    });
    width = width || 90;
    var from = Math.max(0, Math.min(first - 20, original.length - width));
    var to = Math.min(original.length, from + width);
    var segments = [];
    for (var i = from; i < to; i++) {
      var last = segments[segments.length - 1];
      if (last && last[1] === marked[i]) {
        last[0] += original[i];
      } else {
        segments.push([original[i], marked[i]]);
      }
    }
    return {segments: segments, before: from > 0, after: to < original.length};
  };

  Engine.prototype.crumbs = function (doc) {
    var parts = [];
    var at = doc.parent;
    while (at >= 0) {
      var a = this.docs[at];
      parts.unshift(a.kind === "i" ? a.number + a.title : a.number);
      at = a.parent;
    }
    return parts;
  };

  return {Engine: Engine, makeFold: makeFold, decodeVocab: decodeVocab};
});
