/* Search engine core: normalisation, segmentation, lunr.js's scoring over postings, ranking.
 * No DOM here, so Node can run it in the tests. Mirrors generator/search/index.py:
 * `fold` = normalise, `terms` = fmm_terms, `weight` = lunr.py's Builder scoring.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.PlanSearch = factory;
  }
})(this, function () {
  "use strict";

  var K1 = 1.2;
  var B = 0.75;
  var LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
  var DIGIT = /\p{N}/u;
  var HAN = /\p{Script=Han}/u;
  var HAN_WORD = /^\p{Script=Han}+$/u;
  var MAX_VARIANTS = 24; /* synonym variants of one phrase */
  var ASTRAL_CHARS = /[\uD800-\uDFFF]/;
  var QUERY_LIMIT = 64; /* code points of a query that are looked at */
  var CROSSED = 0.6; /* quality of a phrase ending inside a longer word of the text */
  var PIECES = 0.3; /* quality of a phrase held in two pieces side by side */
  var REORDERED = 0.6; /* quality of a phrase whose pieces stand together in another order (本科职业) */
  var INDICATOR = 0.3; /* ranking factor of an indicator row */
  var REVIEW = 0.75; /* ranking factor of the review of past years (besides its weight) */
  var LUNR_POWER = 0.7; /* lunr's score counts as its power: differences of term statistics, damped */
  var NEAR = 2; /* characters between a character standing alone and the piece it goes with */
  var HALF = 0.5; /* a clause holding no phrase is a partial match only when it holds half of one or more */
  var SECTION = 1; /* ranking weight of a section heading (broad) */
  var PLAN = 1.5; /* a plan's factor is its belief over a belief of nothing: (0.4 + 0.6 T) / 0.4 = 1 + 1.5 T (CORI) */
  var CORI_DF = 50; /* CORI's constants (Callan, Lu and Croft 1995) */
  var CORI_CW = 150;
  var HEADING = 10; /* clauses a chapter heading carrying the query counts as (``planFactors``) */
  var TITLE = 50; /* clauses a plan title saying the query counts as */
  var SWAPPED = 0.9; /* quality factor per synonym standing for a word typed */
  var SCATTERED = 50; /* last-resort partial matches listed (``scattered``) */
  var WIDENED = 0.5; /* quality of a clause holding the query only with the headings above it */
  var INSERTION = /^\([^()]{1,6}\)/; /* a bracketed insertion (folded to ASCII brackets): (市、区) */
  var INSERTION_MAX = 6;
  var APART = 0.5; /* credit of two characters of a partial match written one apart in a word (玩具: 玩教具) */
  var SHORT_RUN = 3; /* a run of this many characters or fewer keeps its stop words (县中: 中) */
  var EXPANSIONS = 3; /* vocabulary words an abbreviation typed may stand for (职教: 职业教育) */

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
    addWords(trie, words);
    return trie;
  }

  function addWords(trie, words) {
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
  }

  /* Longest vocabulary match first, each followed by the vocabulary words inside it
     (2-grams, then 3-grams, ...), as fmm_terms in generator/search/index.py. Positions are in
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

  /* Ranking weight, as search.py's collect_docs sets it: section headings are broad (×0.5),
     the review of past years is no promise (×0.6). */
  function docWeight(kind, review) {
    return (kind === "s" ? SECTION : 1) * (review ? 0.6 : 1);
  }

  /* 1 for indicator rows and the review of past years, else 0 (kept on each document for
     the catalog's fragments; ranking uses ``kindFactor``). */
  function kindRank(kind, review) {
    return review || kind === "n" ? 1 : 0;
  }

  /* Ranking factor of a kind of clause: an indicator row is a figure, not a measure. */
  function kindFactor(doc) {
    return (doc.kind === "n" ? INDICATOR : 1) * (doc.review ? REVIEW : 1);
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
    this.trie = makeTrie(words);
    this.terms = makeTerms(this.trie, this.vocab, data.maxTerm);
    this.stopWords = new Set((data.stop || "").split("\n").filter(Boolean));
    this.synonyms = new Map();
    (data.syn || []).forEach(function (group) {
      var set = group.split("\n");
      set.forEach(function (w) { self.synonyms.set(w, set); });
    });
    this.prepared = 0;
    var ids = [];
    data.ids.split("\n").forEach(function (id, i) { /* "+item_2": the parent's id + "__item_2" */
      ids.push(id.charAt(0) === "+" ? ids[data.parent[i]] + "__" + id.slice(1) : id);
    });
    var texts = data.text.split("\n");
    this.docs = ids.map(function (id, i) {
      var parts = texts[i].split("\t");
      return {
        n: i, id: id, page: data.pages[data.page[i]], parent: data.parent[i], kind: data.kind[i],
        number: data.number[i], title: parts[0], rest: parts[1], lead: data.lead[i] === "1",
        review: data.review[i] === "1", rank: kindRank(data.kind[i], data.review[i] === "1"),
        chapter: data.chapter[i], stages: data.stage[i], weight: docWeight(data.kind[i], data.review[i] === "1"), children: [],
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
      doc.wide = doc.folded + self.contextText(doc);
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

  /* The postings of ``used`` (words of the index): for each word, [document gap, t weight,
     b weight, …] over the documents holding it, in document order — the components of
     lunr.py's field vectors, computed with lunr.py's formula (``weight``) from lunr.py's own
     statistics (documents per term, field lengths, average lengths): what lunr.js would read
     from the whole index for these words, and the shape the catalog's postings have. */
  Engine.prototype.postingsFor = function (used) {
    var self = this;
    var fields = this.data.fields;
    var words = Array.from(new Set(used));
    var postings = new Map(words.map(function (w) { return [w, []]; }));
    var last = new Map(words.map(function (w) { return [w, 0]; }));
    this.docs.forEach(function (doc) {
      if (!words.some(function (w) { return doc.folded.indexOf(w) >= 0; })) {
        return;
      }
      var counts = self.termCounts(doc);
      words.forEach(function (word) {
        var weights = fields.map(function (field, f) {
          var tf = counts[f].get(word);
          return tf ? self.weight(word, tf, counts.lengths[f], f, field[1]) : 0;
        });
        if (weights[0] || weights[1]) {
          postings.get(word).push(doc.n - last.get(word), weights[0], weights[1]);
          last.set(word, doc.n);
        }
      });
    });
    return function (word) { return postings.get(word); };
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

  /* Term frequencies of a document's fields, cut as the index was cut (kept once computed);
     ``lengths`` holds each field's number of terms (lunr.py's field length). */
  Engine.prototype.termCounts = function (doc) {
    if (!doc.counts) {
      var terms = this.terms;
      var lengths = [];
      var spans = [];
      var offset = 0;
      doc.counts = [doc.titleFolded, doc.restFolded].map(function (text) {
        var counts = new Map();
        var own = [];
        var cut = terms(text, own);
        cut.forEach(function (w) { counts.set(w, (counts.get(w) || 0) + 1); });
        lengths.push(cut.length);
        own.forEach(function (span) { spans.push([span[0] + offset, span[1] + offset]); });
        offset += Array.from(text).length + 1; /* doc.folded joins the fields with "\n" */
        return counts;
      });
      doc.counts.lengths = lengths;
      doc.counts.spans = spans;
    }
    return doc.counts;
  };

  /* Cut every document ahead of time (in idle time), so later queries only look up. */
  Engine.prototype.prepare = function (deadline) {
    while (this.prepared < this.docs.length && (!deadline || deadline.timeRemaining() > 2)) {
      this.termCounts(this.docs[this.prepared++]);
    }
    return this.prepared >= this.docs.length;
  };

  /* lunr.js's scores for the query's words (each an optional term, boosted by its length):
     ``postingScores`` over this plan's postings (the catalog gives its own postings to the
     same function). */
  Engine.prototype.lunrScores = function (words) {
    var self = this;
    var used = words.filter(function (w) { return self.df.get(w); }).sort();
    return used.length ? postingScores(used, this.postingsFor(used)) : new Map();
  };

  /* lunr.js's scores for a query whose words (sorted: lunr's term order) are ``used``, each
     one optional term of boost = its length, fields t and b, no pipeline, from each word's
     postings (``postingsOf(word)``: [document gap, t weight, b weight, …]): per document and
     field, the dot product of the query vector and the field vector over the query vector's
     magnitude, the fields summed. lunr.Index.query's arithmetic in its order, without its
     per-match objects (a catalog's common words match thousands of documents). The one
     scoring path of a plan's search and the catalog's; tests/test_search.py compares the
     scores with lunr.py's. */
  function postingScores(used, postingsOf) {
    var scores = new Map();
    var boosts = used.map(function (w) { return Array.from(w).length; });
    var squares = 0;
    boosts.forEach(function (b) { squares += b * b; });
    var magnitude = Math.sqrt(squares);
    var dots = [new Map(), new Map()]; /* title, body: document -> dot product so far */
    used.forEach(function (word, i) {
      var flat = postingsOf(word) || [];
      var doc = 0;
      for (var k = 0; k + 2 < flat.length; k += 3) {
        doc += flat[k];
        for (var f = 0; f < 2; f++) {
          var weight = flat[k + 1 + f];
          if (weight) {
            dots[f].set(doc, (dots[f].get(doc) || 0) + boosts[i] * weight);
          }
        }
      }
    });
    dots.forEach(function (field) {
      field.forEach(function (dot, doc) {
        var score = dot / magnitude || 0;
        scores.set(doc, scores.has(doc) ? scores.get(doc) + score : score);
      });
    });
    return scores;
  }

  /* The headings above a document (chapter, section, point, 专栏), folded. */
  Engine.prototype.contextText = function (doc) {
    var text = "";
    for (var at = doc.parent; at >= 0; at = this.docs[at].parent) {
      text += "\n" + this.docs[at].titleFolded;
    }
    return text;
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

  /* Runs of letters and digits; "." belongs to a run only between digits (93.56) and "%"
     only after a digit (95%), so a trailing full stop or a stray "%" changes nothing. */
  function runsOf(text) {
    var cps = Array.from(text);
    var runs = [];
    var current = "";
    cps.forEach(function (c, i) {
      var digitBefore = i > 0 && DIGIT.test(cps[i - 1]);
      var inWord = LETTER_OR_DIGIT.test(c) ||
        (c === "." && digitBefore && i + 1 < cps.length && DIGIT.test(cps[i + 1])) ||
        (c === "%" && digitBefore);
      if (inWord) {
        current += c;
      } else if (current) {
        runs.push(current);
        current = "";
      }
    });
    if (current) {
      runs.push(current);
    }
    return runs;
  }

  /* The longest word of ``words`` starting at cps[i] and ending by ``end``, or "". */
  function longestAt(cps, i, end, has) {
    for (var n = Math.min(end - i, 8); n > 0; n--) {
      var word = cps.slice(i, i + n).join("");
      if (has(word, n, i + n === end)) {
        return word;
      }
    }
    return "";
  }

  /* A run cut into parts, left to right: at each place the longest of a synonym word
     (the genre's query synonyms; a one-character one, such as 率 or 数, only to end a run:
     升学率) and a vocabulary word, the synonym when not shorter; else a stop word (的, 是,
     多少: dropped) in a run of more than SHORT_RUN characters; else one character of a gap.
     A run of SHORT_RUN characters or fewer is a word as typed (县中, county high schools:
     not 县), and one of stop words only is kept whole: stop words are removed only when
     other words remain and the query is long enough to be a sentence (lunr.js and most IR
     systems drop them from running text, not from a short keyword). */
  Engine.prototype.parts = function (run) {
    var self = this;
    var cps = Array.from(run);
    var parts = [];
    var buffer = "";
    function flush() {
      if (buffer) {
        parts.push({kind: "gap", text: buffer});
        buffer = "";
      }
    }
    function synonym(word, n, atEnd) {
      return self.synonyms.has(word) && (n > 1 || (atEnd && cps.length > 1));
    }
    var short = cps.length <= SHORT_RUN;
    function stop(word) {
      return !short && self.stopWords.has(word);
    }
    var i = 0;
    while (i < cps.length) {
      var word = this.longestWord(cps, i);
      var syn = longestAt(cps, i, cps.length, synonym);
      var kind = syn && Array.from(syn).length >= Array.from(word).length ? "syn" : word ? "word" : "";
      if (!kind) {
        syn = longestAt(cps, i, cps.length, stop);
        kind = syn ? "stop" : "";
      }
      var abbreviated = kind ? null : this.abbreviationAt(cps, i);
      if (kind) {
        var text = kind === "word" ? word : syn;
        flush();
        parts.push({kind: kind === "word" && this.synonyms.has(text) ? "syn" : kind, text: text});
        i += Array.from(text).length;
      } else if (abbreviated) {
        flush();
        parts.push(abbreviated);
        i += Array.from(abbreviated.text).length;
      } else {
        buffer += cps[i];
        i += 1;
      }
    }
    flush();
    if (parts.every(function (p) { return p.kind === "stop"; })) {
      return [{kind: "gap", text: run}];
    }
    return parts;
  };

  /* The abbreviation typed at cps[i], of three characters or two, none a word of the plan:
     a part {kind: "abbr", text, alts: [text, ...expansions]}, or null. Chinese abbreviates a
     compound by the first character of each of its words (北京大学 → 北大, 职业教育 → 职教,
     集中采购 → 集采, 思想政治课 → 思政课): an expansion is a vocabulary word of 2n characters (or 2n − 1 for
     three, its last word one character) whose characters 0, 2, 4 are those typed, the most
     frequent (lunr.py's document count) first, at most EXPANSIONS of them. */
  Engine.prototype.abbreviationAt = function (cps, i) {
    for (var n = Math.min(3, cps.length - i); n >= 2; n--) {
      var typed = cps.slice(i, i + n);
      var found = typed.every(function (c) { return HAN.test(c); }) ? this.expansionsOf(typed) : [];
      if (found.length) {
        return {kind: "abbr", text: typed.join(""), alts: [typed.join("")].concat(found)};
      }
    }
    return null;
  };

  /* The vocabulary words ``typed`` (a list of characters) abbreviates, as ``abbreviationAt``
     says, walking the vocabulary's trie. */
  Engine.prototype.expansionsOf = function (typed) {
    var df = this.df;
    var longest = 2 * typed.length;
    var found = [];
    (function walk(node, at, word) {
      if (at >= longest - (typed.length > 2) && node.has("") && df.get(word)) {
        found.push(word);
      }
      node.forEach(function (next, c) {
        if (c && at < longest && (at % 2 || c === typed[at / 2])) {
          walk(next, at + 1, word + c);
        }
      });
    })(this.trie, 0, "");
    return found.sort(function (a, b) { return df.get(b) - df.get(a) || (a < b ? -1 : 1); }).slice(0, EXPANSIONS);
  };

  /* Every vocabulary word standing anywhere in ``text``, whatever the cut (search.py's
     words_within): a query is scored by all of them, not only by those its cut kept. */
  Engine.prototype.wordsWithin = function (text) {
    var cps = Array.from(text);
    var found = [];
    for (var i = 0; i < cps.length; i++) {
      var node = this.trie;
      for (var j = i; j < cps.length && j - i < this.data.maxTerm; j++) {
        node = node.get(cps[j]);
        if (node === undefined) {
          break;
        }
        if (j > i && node.has("")) {
          found.push(cps.slice(i, j + 1).join(""));
        }
      }
    }
    return found;
  };

  /* The longest vocabulary word starting at cps[i], or "". */
  Engine.prototype.longestWord = function (cps, i) {
    var node = this.trie;
    var best = 0;
    for (var j = i; j < cps.length && j - i < this.data.maxTerm; j++) {
      node = node.get(cps[j]);
      if (node === undefined) {
        break;
      }
      if (j > i && node.has("")) {
        best = j - i + 1;
      }
    }
    return cps.slice(i, i + best).join("");
  };

  /* The query as the index would cut it. ``groups``: what a clause must contain, each a
     list of alternatives (a vocabulary word; a synonym set; the character pairs of a gap),
     weighed by the length typed. ``phrases``: the query's runs without their stop words,
     each with its synonym variants (at most MAX_VARIANTS: the phrase as typed first, then
     those with fewer words swapped for a synonym, each word's synonyms in their group's
     order); a clause holding every phrase matches as typed.
     ``words``: the vocabulary words lunr scores. */
  Engine.prototype.analyse = function (query) {
    var self = this;
    var folded = Array.from(this.fold(String(query || ""))).slice(0, QUERY_LIMIT).join("");
    var runs = runsOf(folded);
    var words = [];
    var groups = [];
    var phrases = [];
    var singles = new Map(); /* variant -> where a one-character synonym stands alone (升学率: 率) */
    var swapped = new Map(); /* variant -> how many of its words are synonyms of the words typed */
    function addWord(w) {
      if (words.indexOf(w) < 0) {
        words.push(w);
      }
    }
    function addGroup(alts, typed) {
      var key = alts.join("|");
      if (!groups.some(function (g) { return g.key === key; })) {
        groups.push({key: key, alts: alts, typed: typed, size: Array.from(typed).length});
      }
    }
    runs.forEach(function (run) {
      var phrase = [""];
      function endPhrase() {
        if (phrase[0]) {
          phrases.push(phrase);
        }
        phrase = [""];
      }
      self.parts(run).forEach(function (part) {
        if (part.kind === "stop") {
          endPhrase();
          return;
        }
        var alts = part.kind === "syn" ? self.synonyms.get(part.text) : part.alts || [part.text];
        if (part.kind === "gap") {
          grams(Array.from(part.text)).forEach(function (g) { addGroup([g], g); });
        } else {
          addGroup(alts, part.text);
          self.terms(part.text).forEach(addWord);
        }
        if (part.kind === "syn" || part.kind === "abbr") {
          alts.forEach(function (a) { if (a !== part.text && self.df.get(a)) { addWord(a); } });
        }
        var next = [];
        var typedFirst = [part.text].concat(alts.filter(function (a) { return a !== part.text; }));
        phrase.forEach(function (head) {
          var at = Array.from(head).length;
          typedFirst.forEach(function (a) {
            var variant = head + a;
            var single = (singles.get(head) || []).slice();
            swapped.set(variant, (swapped.get(head) || 0) + (a === part.text ? 0 : 1));
            if (part.kind === "syn" && Array.from(a).length === 1) {
              single.push(at);
            }
            singles.set(variant, single);
            next.push(variant);
          });
        });
        next.sort(function (a, b) { return swapped.get(a) - swapped.get(b); }); /* stable: typed first */
        phrase = next.slice(0, MAX_VARIANTS);
      });
      endPhrase();
    });
    phrases.forEach(function (p) {
      p.forEach(function (variant) { self.wordsWithin(variant).forEach(addWord); });
    });
    return {runs: runs, words: words, groups: groups, phrases: phrases, singles: singles, swapped: swapped,
            pieces: groups.map(function (g) { return g.typed; })};
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

  function count(text, piece) {
    var n = 0;
    var at = text.indexOf(piece);
    while (at >= 0) {
      n += 1;
      at = text.indexOf(piece, at + piece.length);
    }
    return n;
  }

  /* ``variant``'s characters (``cps``) and its substrings of two characters or more
     (``subs[a][b]``: the characters a to b - 1), kept for the next texts and queries. */
  var SUBSTRINGS = new Map();
  function substrings(variant) {
    var found = SUBSTRINGS.get(variant);
    if (!found) {
      var cps = Array.from(variant);
      var subs = cps.map(function (c, a) {
        var row = [];
        for (var b = a + 2; b <= cps.length; b++) {
          row[b] = cps.slice(a, b).join("");
        }
        return row;
      });
      if (SUBSTRINGS.size > 512) {
        SUBSTRINGS.clear();
      }
      found = {cps: cps, subs: subs};
      SUBSTRINGS.set(variant, found);
    }
    return found;
  }

  /* Whether ``text`` holds ``a`` followed by ``b`` with at most NEAR characters between,
     a bracketed insertion right after ``a`` not counted: 县（市、区）域 is how plans write
     县域 for every county-level unit (省（区、市）, 市（州）), so 县 stands next to 域. */
  function nearBy(text, a, b) {
    for (var at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) {
      var from = at + a.length;
      var insertion = INSERTION.exec(text.slice(from, from + INSERTION_MAX + 2));
      from += insertion ? insertion[0].length : 0;
      var after = text.slice(from, from + NEAR + b.length);
      if (after.indexOf(b) >= 0) {
        return true;
      }
    }
    return false;
  }

  function holds(text, alts) {
    return alts.some(function (a) { return text.indexOf(a) >= 0; });
  }

  /* Whether ``alt`` occurs in ``text`` as words, not ending inside a longer word of the
     text: 校园安全 stands in 校园安全稳定 but not in 环校园安全带 (校园|安全带). A word
     that merely starts before it does not count against it (中小学校|长职级制 is the
     longest-match cut of 中小学校长职级制). */
  Engine.prototype.standsIn = function (text, spans, alt) {
    var at = text.indexOf(alt);
    var length = Array.from(alt).length;
    var astral = ASTRAL_CHARS.test(text);
    function crossed(span, a, b) {
      return a < span[0] && span[0] < b && b < span[1];
    }
    while (at >= 0) {
      var a = astral ? Array.from(text.slice(0, at)).length : at;
      var b = a + length;
      if (!spans.some(function (span) { return crossed(span, a, b); })) {
        return true;
      }
      at = text.indexOf(alt, at + alt.length);
    }
    return false;
  };

  /* Where the index cut a document's text into words (code point spans): its own text
     (doc.folded), or, ``whole``, a point with its paragraphs (doc.clause). Cut once, with
     the document's term counts. */
  Engine.prototype.spansOf = function (doc, whole) {
    var self = this;
    if (!whole) {
      return this.termCounts(doc).spans;
    }
    if (!doc.clauseSpans) {
      var spans = this.termCounts(doc).spans.slice();
      var offset = Array.from(doc.folded).length + 1;
      doc.children.forEach(function (c) {
        var child = self.docs[c];
        if (child.kind === "m" || child.kind === "i") {
          self.spansOf(child, true).forEach(function (span) { spans.push([span[0] + offset, span[1] + offset]); });
          offset += Array.from(child.clause).length + 1;
        }
      });
      doc.clauseSpans = spans;
    }
    return doc.clauseSpans;
  };

  /* Where a phrase stands in a text, whatever the vocabulary made of it (issue 19): as typed
     (``exact``; ``crossed`` when it ends inside a longer word of the text, 环校园安全带 for
     校园安全), else covered left to right by the fewest pieces of two characters or more
     that the text holds (overlapping allowed: 普惠 + 惠率), found greedily (the piece
     reaching farthest from the covered part: a minimal cover of intervals), a character
     alone where no piece goes on, next to the piece before it (or after it, the first),
     as long as pieces of two or more cover more than half of it (书法课 in 书法等课程); else, ``chars``, the share of it such pieces cover (a word the
     plan never uses: 专任教师 in a clause with 专, 任教 and 师 apart is no answer). ``quality``: 1 as typed, lower for a
     crossed phrase and for more pieces lying further apart (proximity: the typed length
     over the span the pieces cover in the text). */
  Engine.prototype.phraseEvidence = function (variant, text, spans, single) {
    if (text.indexOf(variant) >= 0) {
      if (!spans || this.standsIn(text, spans(), variant)) {
        return {level: "exact", quality: 1, covered: 1, pieces: [variant]};
      }
      return {level: "crossed", quality: CROSSED, covered: 1, pieces: [variant]};
    }
    var parts = substrings(variant);
    var cps = parts.cps;
    var length = cps.length;
    var reach = [];
    var any = Boolean(single && single.length);
    for (var a = 0; a < length; a++) {
      var b = a + 1;
      while (b < length && text.indexOf(parts.subs[a][b + 1]) >= 0) {
        b += 1;
        any = true;
      }
      reach.push(b - a >= 2 || (single && single.indexOf(a) >= 0 && text.indexOf(cps[a]) >= 0) ? b : a);
    }
    if (!any) {
      return null; /* no two characters of it side by side: nothing to build on */
    }
    var pieces = [];
    var end = 0;
    var inWords = 0; /* characters covered by pieces of two or more */
    var lone = []; /* which pieces are characters alone */
    while (end < length) {
      var best = -1;
      var from = -1;
      for (var s = 0; s <= Math.min(end, length - 1); s++) {
        if (reach[s] > end && reach[s] > best) {
          best = reach[s];
          from = s;
        }
      }
      if (best < 0 && text.indexOf(cps[end]) >= 0) {
        best = end + 1; /* a character alone (书法课: 书法等课程) */
        from = end;
        lone.push(pieces.length);
      } else if (best < 0) {
        break;
      }
      pieces.push(cps.slice(from, best).join(""));
      if (best - from > 1 || (single && single.indexOf(from) >= 0)) {
        inWords += best - Math.max(from, end);
      }
      end = best;
    }
    var alone = pieces.every(function (piece, k) {
      if (lone.indexOf(k) < 0 || pieces.length < 2) {
        return true;
      }
      return k > 0 ? nearBy(text, pieces[k - 1], piece) : nearBy(text, piece, pieces[k + 1]);
    });
    if (end >= length && length > 1 && inWords > HALF * length && alone) {
      var span = piecesSpan(text, pieces);
      var near = Math.min(1, (variant.length + 2) / Math.max(1, span));
      var quality = span === variant.length && lone.length === 0 ? REORDERED :
        PIECES * (0.5 + 0.5 * near) / Math.sqrt(pieces.length - 1);
      return {level: "pieces", quality: quality, covered: 1, pieces: pieces};
    }
    return this.partEvidence(variant, text, spans, reach);
  };

  /* A phrase held only in part (``phraseEvidence``'s last case): ``covered``, the share of its
     characters that pieces of two or more cover (the test of a partial match: half or more);
     ``credit``, the share of its information held (``positionWeights``: a rarer word weighs
     more, as in BM25), each character counting 1 in a piece standing as words, CROSSED in a
     piece only standing across the text's words (务工 in 服务|工作), and APART for two
     characters side by side in the phrase that the text writes one character apart inside one
     word (玩具 in 玩教具, 中学 in 中小学: a coordinate word shares its last character);
     ``word``: a word of the phrase (as the vocabulary cuts it) stands in the text as words,
     which makes the clause a partial match however short the word is beside the phrase
     (子女 of 外来务工子女), when the phrase is as typed (``match``: 课堂 of a synonym's 四点半课堂
     does not stand for 课后服务). ``reach[a]``: the end of the longest piece starting at a. */
  Engine.prototype.partEvidence = function (variant, text, spans, reach) {
    var self = this;
    var cps = substrings(variant).cps;
    var length = cps.length;
    var held = 0;
    var credit = cps.map(function () { return 0; });
    reach.forEach(function (b, a) {
      if (b - a < 2) {
        return;
      }
      var stands = !spans || self.standsIn(text, spans(), cps.slice(a, b).join(""));
      for (var k = a; k < b; k++) {
        held += credit[k] ? 0 : 1;
        credit[k] = Math.max(credit[k], stands ? 1 : CROSSED);
      }
    });
    for (var a = 0; a + 1 < length; a++) {
      if ((credit[a] < APART || credit[a + 1] < APART) && spans && this.apart(text, spans(), cps[a], cps[a + 1])) {
        credit[a] = Math.max(credit[a], APART);
        credit[a + 1] = Math.max(credit[a + 1], APART);
      }
    }
    var weights = this.positionWeights(variant);
    var got = 0;
    credit.forEach(function (c, k) { got += c * weights.at[k]; });
    if (!got) {
      return null;
    }
    var word = weights.words.some(function (w) {
      return text.indexOf(w) >= 0 && (!spans || self.standsIn(text, spans(), w));
    });
    return {level: "chars", quality: 0, covered: held / length, credit: got / weights.total, word: word, pieces: []};
  };

  /* How much each character of ``variant`` tells (``at``, their sum ``total``): the idf of the
     vocabulary word holding it in the plan's cut of the variant (lunr.py's idf, from the
     plan's document counts), a character of no word that of a word no clause holds; ``words``:
     the words of that cut. Kept per engine (a catalog's plan view: per plan). */
  Engine.prototype.positionWeights = function (variant) {
    var own = Object.prototype.hasOwnProperty.call(this, "weightCache"); /* a catalog's plan view: its own */
    var cache = own ? this.weightCache : null;
    if (!cache || cache.size > 512 || this.weightWords !== this.df.size) {
      cache = this.weightCache = new Map(); /* a catalog's engine learns words as chunks load */
      this.weightWords = this.df.size;
    }
    var found = cache.get(variant);
    if (!found) {
      var self = this;
      var count = this.data.count || this.docs.length;
      var idf = function (df) { return Math.log(1 + Math.abs((count - df + 0.5) / (df + 0.5))); };
      var cps = Array.from(variant);
      var at = cps.map(function () { return idf(0); });
      var spans = [];
      this.terms(variant, spans);
      var words = [];
      spans.forEach(function (span) {
        var word = cps.slice(span[0], span[1]).join("");
        words.push(word);
        for (var k = span[0]; k < span[1]; k++) {
          at[k] = idf(self.df.get(word) || 0);
        }
      });
      var total = 0;
      at.forEach(function (w) { total += w; });
      found = {at: at, total: total, words: words};
      cache.set(variant, found);
    }
    return found;
  };

  /* Whether ``text`` writes ``x`` and ``y`` one character apart inside one word: the three
     characters within one word of the text's cut (``spans``, code points: 中小学 for 中学), or
     ``x`` in no word and the word after it ending at ``y`` (玩|教具 for 玩具). */
  Engine.prototype.apart = function (text, spans, x, y) {
    var cps = ASTRAL_CHARS.test(text) ? Array.from(text) : text;
    for (var i = cps.indexOf(x); i >= 0 && i + 2 < cps.length; i = cps.indexOf(x, i + 1)) {
      if (cps[i + 2] !== y || !HAN.test(cps[i + 1])) {
        continue;
      }
      var inside = spans.some(function (s) { return s[0] <= i && i + 3 <= s[1]; });
      var alone = !spans.some(function (s) { return s[0] <= i && i < s[1]; }) &&
        spans.some(function (s) { return s[0] === i + 1 && s[1] === i + 3; });
      if (inside || alone) {
        return true;
      }
    }
    return false;
  };

  /* The shortest stretch of ``text`` (UTF-16 units) holding an occurrence of every one of
     ``pieces``, each held at least once: proximity as the minimal window covering the query's
     terms (Tao and Zhai 2007, "An exploration of proximity measures in information
     retrieval"), not the first occurrences' spread, so 本科职业 in a clause that says 职业
     earlier is as near as it is. */
  function piecesSpan(text, pieces) {
    var hits = [];
    pieces.forEach(function (piece, k) {
      for (var at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
        hits.push([at, at + piece.length, k]);
      }
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var counts = pieces.map(function () { return 0; });
    var have = 0;
    var best = Infinity;
    var from = 0;
    for (var to = 0; to < hits.length; to++) {
      if (counts[hits[to][2]]++ === 0) {
        have += 1;
      }
      while (have === pieces.length) {
        var end = 0;
        for (var k = from; k <= to; k++) {
          end = Math.max(end, hits[k][1]);
        }
        best = Math.min(best, end - hits[from][0]);
        if (--counts[hits[from][2]] === 0) {
          have -= 1;
        }
        from += 1;
      }
    }
    return best;
  }

  function credit(evidence) {
    return evidence.level === "chars" ? evidence.credit : evidence.covered;
  }

  /* How a text matches the query: each phrase's best variant (``phraseEvidence``). Tier 3 =
     every phrase as typed, standing as words; 2 = every phrase held, as typed or in pieces;
     1 = some phrase held, or half of one or more in pieces, or a word of one standing as words
     (``partEvidence``); null = none. ``quality``: the phrases' qualities multiplied;
     ``coverage``: the share of the query's information held (its characters weighed by their
     words' idf, ``positionWeights``: the clause holding the rare word of 政策解读 before those
     holding only the common one). */
  Engine.prototype.match = function (q, text, spans) {
    var self = this;
    if (!q.phrases.length) {
      return null;
    }
    var levels = [];
    var quality = 1;
    var covered = 0;
    var size = 0;
    var pieces = [];
    var some = false;
    var word = false; /* some phrase held only by a word of it (not half): a partial match, never widened */
    q.phrases.forEach(function (p) {
      var best = null;
      var typedWord = false; /* a word of the phrase as typed (not of a synonym's variant) stands in the text */
      p.forEach(function (variant) {
        var e = self.phraseEvidence(variant, text, spans, q.singles && q.singles.get(variant));
        if (e && q.swapped) {
          e.quality *= Math.pow(SWAPPED, q.swapped.get(variant) || 0);
        }
        if (e && e.word && !(q.swapped && q.swapped.get(variant))) {
          typedWord = true;
        }
        if (e && (!best || e.quality > best.quality || (e.quality === best.quality && credit(e) > credit(best)))) {
          best = e;
        }
      });
      var n = self.positionWeights(p[0]).total;
      size += n;
      if (!best) {
        levels.push("none");
        quality = 0;
        return;
      }
      levels.push(best.level);
      if (best.level !== "chars" || best.covered >= HALF) {
        some = true;
      } else if (typedWord) {
        word = true;
      }
      quality *= best.quality;
      covered += credit(best) * n;
      pieces = pieces.concat(best.pieces);
    });
    if (!some && !word) {
      return null;
    }
    var all = levels.every(function (l) { return l === "exact"; });
    var full = levels.every(function (l) { return l === "exact" || l === "crossed" || l === "pieces"; });
    return {tier: all ? 3 : (full ? 2 : 1), coverage: covered / size, quality: full ? quality : 0, pieces: pieces,
            byWord: !some};
  };

  /* Which text of a document answers the query, and how well. Tiers: 3 the phrases as
     typed, 2 every word, in the document's own text; 1.5 every word only with the headings
     above it (改进中考考查内容结构 under 全面深化考试制度改革 answers 中考改革), or only
     across a point's heading and paragraphs; 1 some words. A point (一、…) whose own
     heading matches as well as any of its paragraphs stands for them all (listed once,
     taken whole); one whose heading does not is listed only when heading and paragraphs
     together match better than every paragraph. Documents are visited last first, so a
     point's paragraphs are known when the point is. */
  Engine.prototype.matches = function (q, admit) {
    var self = this;
    var found = new Array(this.docs.length);
    function inside(doc) {
      return doc.children.filter(function (c) { return self.docs[c].kind === "m" || self.docs[c].kind === "i"; });
    }
    function drop(doc) {
      inside(doc).forEach(function (c) {
        found[c] = null;
        drop(self.docs[c]);
      });
    }
    function ownSpans(doc) {
      return function () { return self.spansOf(doc, false); };
    }
    function clauseSpans(doc) {
      return function () { return self.spansOf(doc, true); };
    }
    function widened(m, text) {
      if (!m || m.tier >= 2 || m.byWord) {
        return m;
      }
      var wide = self.match(q, text);
      return wide && wide.tier >= 2 ? {tier: 1.5, coverage: 1, quality: WIDENED * wide.quality} : m;
    }
    var range = this.range || [0, this.docs.length];
    for (var n = range[1] - 1; n >= range[0]; n--) {
      var doc = this.docs[n];
      if (!doc || !admit(doc)) {
        continue;
      }
      var own = widened(this.match(q, doc.folded, ownSpans(doc)), doc.wide);
      if (doc.kind === "i") {
        var best = 0;
        inside(doc).forEach(function (c) {
          best = Math.max(best, found[c] ? found[c].tier : 0);
        });
        var together = this.match(q, doc.clause, clauseSpans(doc));
        var ownTier = own ? own.tier : 0;
        if (together && together.byWord) {
          together = null; /* a word alone: the heading and each paragraph are matched on their own */
        }
        if (together && ownTier >= 2 && ownTier >= best) {
          together.tier = Math.max(ownTier, Math.min(together.tier, 1.5));
        } else if (together && Math.min(together.tier, 1.5) > Math.max(best, ownTier)) {
          together.tier = Math.min(together.tier, 1.5);
        } else {
          together = null;
        }
        if (together) {
          together.whole = true;
          own = together;
          drop(doc);
        }
      }
      found[n] = own;
    }
    return found;
  };

  /* Clauses matching the query, best first: ``results`` hold every phrase (as typed or in
     pieces), ``partial`` only some (their scores weighed by the share of the query's
     information they hold, ``match``'s coverage; those holding half of a phrase or more before
     those holding only a word of one); ``indicators`` are the
     indicator rows among the results. A plan's own page ranks its clauses (``ranked``); a
     catalog (``planViews``: one view of the engine per plan, holding that plan's own
     vocabulary and postings) ranks each plan's clauses as that plan's own page does, cut
     with its own words, then puts them in one list, each plan's scores times its plan
     factor (``planFactors``), so a plan's order and matches never depend on the others. */
  Engine.prototype.search = function (query, options) {
    options = options || {};
    var self = this;
    var q = this.analyse(query);
    if (!q.groups.length) {
      return {query: q, results: [], partial: [], indicators: []};
    }
    var admit = this.admitter(options);
    var views = this.planViews ? this.planViews(options) : [this];
    var parts = [];
    views.forEach(function (view) {
      var own = view === self ? q : view.analyse(query);
      if (own.groups.length) {
        parts.push({view: view, query: own});
      }
    });
    var factors = this.planFactors(parts);
    var results = [];
    var partial = [];
    var lastResort = [];
    parts.forEach(function (part, i) {
      var ranked = part.view.ranked(part.query, admit);
      [[ranked.results, results], [ranked.partial, partial]].forEach(function (pair) {
        pair[0].forEach(function (hit) {
          hit.score *= factors[i];
          hit.query = part.query;
          pair[1].push(hit);
        });
      });
      if (!ranked.results.length && ranked.partial.every(function (h) { return h.byWord; })) {
        part.view.scattered(part.query, admit).forEach(function (hit) { /* as the plan's own page lists them */
          hit.query = part.query;
          lastResort.push(hit);
        });
      }
    });
    results.sort(function (a, b) {
      return (b.score - a.score) || (a.doc.n - b.doc.n);
    });
    partial.sort(function (a, b) {
      return (a.byWord - b.byWord) || (b.score - a.score) || (a.doc.n - b.doc.n);
    });
    var listed = new Set(partial.map(function (h) { return h.doc.n; }));
    partial = partial.concat(lastResort.filter(function (h) { return !listed.has(h.doc.n); })
      .sort(byCoverage).slice(0, SCATTERED));
    return {query: q, results: results, partial: partial,
            indicators: results.filter(function (h) { return h.doc.kind === "n"; })};
  };

  /* Whether a document passes the filters of ``options`` (plans, chapter, stage). */
  Engine.prototype.admitter = function (options) {
    var chapter = options.chapter;
    var stage = options.stage;
    var plans = options.plans;
    return function (doc) {
      return !(plans && !plans.has(doc.plan)) && !(chapter !== undefined && chapter !== null && chapter !== "" && doc.chapter !== Number(chapter)) &&
        !(stage !== undefined && stage !== null && stage !== "" && !(doc.stages & (1 << Number(stage))));
    };
  };

  /* The clauses of this engine's documents (a catalog's view: of its plan) matching ``q``,
     scored: lunr's score (a point taken whole adds half its paragraphs') with a small bonus
     for occurrences, to the power LUNR_POWER, times the document's weight, its kind
     (``kindFactor``) and the evidence of its match (``match``: as typed 1, in pieces less). */
  Engine.prototype.ranked = function (q, admit) {
    var self = this;
    var lunrScores = this.lunrScores(q.words);
    var found = this.matches(q, admit);
    var results = [];
    var partial = [];
    found.forEach(function (m, n) {
      if (!m) {
        return;
      }
      var doc = self.docs[n];
      var text = m.whole ? doc.clause : doc.folded;
      var score = lunrScores.get(n) || 0;
      if (m.whole) {
        doc.children.forEach(function (c) { score += 0.5 * (lunrScores.get(c) || 0); });
      }
      var occurrences = 0;
      q.groups.forEach(function (g) {
        g.alts.forEach(function (a) { occurrences += 3 * count(doc.titleFolded, a) + count(text, a); });
      });
      q.phrases.forEach(function (p) {
        p.forEach(function (a) { occurrences += 2 * count(text, a); });
      });
      score = Math.pow(score + 0.2 * occurrences / Math.sqrt(1 + text.length / 100), LUNR_POWER) * doc.weight *
        kindFactor(doc);
      var evidence = m.tier === 3 ? 1 : m.tier > 1 ? m.quality : m.coverage;
      var hit = {doc: doc, tier: m.tier, coverage: m.coverage, score: score * evidence, whole: Boolean(m.whole),
                 byWord: Boolean(m.byWord)};
      (m.tier > 1 ? results : partial).push(hit);
    });
    return {results: results, partial: partial};
  };

  /* The last resort when no clause of this engine's documents (a catalog's view: of its plan)
     holds half of a phrase of the query (县中, a reader's abbreviation; 职教归谁管), listed after
     the clauses holding only a word of it: clauses
     holding half of its characters or more, most first, then those holding them closest
     together (the shortest stretch of text holding one of each), as partial matches: an
     answer to look through rather than none. */
  Engine.prototype.scattered = function (q, admit) {
    var chars = [];
    q.phrases.forEach(function (p) {
      Array.from(p[0]).forEach(function (c) {
        if (chars.indexOf(c) < 0) {
          chars.push(c);
        }
      });
    });
    var hits = [];
    var range = this.range || [0, this.docs.length];
    this.docs.slice(range[0], range[1]).forEach(function (doc) {
      if (!doc || !admit(doc)) {
        return;
      }
      var cps = Array.from(doc.folded);
      var held = chars.filter(function (c) { return doc.folded.indexOf(c) >= 0; });
      if (held.length < 2 || held.length * 2 < chars.length) {
        return;
      }
      hits.push({doc: doc, tier: 1, coverage: held.length / chars.length, whole: false,
                 score: 1 / (1 + shortestSpan(cps, held))});
    });
    return hits.sort(byCoverage).slice(0, SCATTERED);
  };

  /* Last-resort partial matches in order: most of the query's characters, then closest together. */
  function byCoverage(a, b) {
    return (b.coverage - a.coverage) || (b.score - a.score) || (a.doc.n - b.doc.n);
  }

  /* The length of the shortest stretch of ``cps`` holding each of ``wanted`` (characters). */
  function shortestSpan(cps, wanted) {
    var counts = new Map();
    var have = 0;
    var best = Infinity;
    var from = 0;
    for (var to = 0; to < cps.length; to++) {
      if (wanted.indexOf(cps[to]) >= 0) {
        counts.set(cps[to], (counts.get(cps[to]) || 0) + 1);
        if (counts.get(cps[to]) === 1) {
          have += 1;
        }
      }
      while (have === wanted.length) {
        best = Math.min(best, to - from + 1);
        var c = cps[from++];
        if (counts.has(c)) {
          counts.set(c, counts.get(c) - 1);
          if (counts.get(c) === 0) {
            have -= 1;
          }
        }
      }
    }
    return best;
  }

  /* The factor of each plan's scores (``parts``: [{view, query}], one per plan searched), in
     a catalog: how much the plan is about the query, the plan taken as one document, with
     CORI's belief of a collection (Callan, Lu and Croft 1995, "Searching distributed
     collections with inference networks": T = df / (df + 50 + 150 · cw / avg_cw)): df is
     the evidence of the plan, its clauses carrying the query's words (``carrying``), each
     chapter heading among them counting HEADING times, and the title saying the query as
     typed counting TITLE; cw / avg_cw its number of documents over the catalog's average.
     The factor is 1 + PLAN · T: 1 for a plan that carries nothing, and always on a plan's
     own page (a plan's order never changes: one factor for all its clauses). */
  Engine.prototype.planFactors = function (parts) {
    var self = this;
    var plans = this.data.plans || [];
    return parts.map(function (part) {
      var view = part.view;
      var plan = plans[view.plan];
      if (plans.length < 2 || !plan) {
        return 1;
      }
      if (view.factor === undefined) {
        var carried = view.carrying(part.query);
        var heads = 0;
        carried.forEach(function (doc) { heads += view.heads && view.heads.has(doc) ? 1 : 0; });
        var m = self.match(part.query, self.fold(plan.title || ""));
        var evidence = carried.size + HEADING * heads + (m && m.tier === 3 ? TITLE : 0);
        var size = (view.range[1] - view.range[0]) / self.planSize;
        view.factor = 1 + PLAN * evidence / (evidence + CORI_DF + CORI_CW * size);
      }
      return view.factor;
    });
  };

  /* The documents holding, as terms, a word of each of the query's word groups (a group of
     character pairs, outside the vocabulary, asks nothing), from the postings alone; none
     when a group's words are in no document or no group is of words. */
  Engine.prototype.carrying = function (q) {
    var self = this;
    var carried = null;
    q.groups.forEach(function (g) {
      var words = g.alts.filter(function (a) { return self.vocab.has(a); });
      if (!words.length) {
        return;
      }
      var docs = new Set();
      var postingsOf = self.postingsFor(words.filter(function (a) { return self.df.get(a); }));
      words.forEach(function (w) {
        var flat = self.df.get(w) ? postingsOf(w) || [] : [];
        var doc = 0;
        for (var k = 0; k + 2 < flat.length; k += 3) {
          doc += flat[k];
          docs.add(doc);
        }
      });
      carried = carried === null ? docs : new Set(Array.from(carried).filter(function (d) { return docs.has(d); }));
    });
    return carried || new Set();
  };

  /* Words of the plan to try instead: Chinese vocabulary words (never a Latin or mistyped
     token) found in two documents or more, sharing characters with the query. */
  Engine.prototype.suggest = function (query, limit) {
    var self = this;
    var chars = new Set(Array.from(this.fold(String(query || ""))).filter(function (c) { return HAN.test(c); }));
    if (!chars.size) {
      return [];
    }
    var scored = [];
    this.vocab.forEach(function (word) {
      var df = self.df.get(word) || 0;
      if (df < 2 || !HAN_WORD.test(word)) {
        return;
      }
      var shared = 0;
      for (var ch of word) {
        if (chars.has(ch)) {
          shared += 1;
        }
      }
      if (shared) {
        scored.push([word, shared, df]);
      }
    });
    scored.sort(function (a, b) { return (b[1] - a[1]) || (b[2] - a[2]) || (a[0] < b[0] ? -1 : 1); });
    return scored.slice(0, limit || 8).map(function (s) { return s[0]; });
  };

  /* The text a result stands for: its own, or for a point taken whole, its heading and its
     paragraphs. */
  Engine.prototype.displayText = function (doc, whole) {
    var self = this;
    var text = doc.title + (doc.lead || !doc.title || !doc.rest ? "" : " ") + doc.rest;
    if (doc.kind === "i" && whole !== false) {
      doc.children.forEach(function (c) {
        var child = self.docs[c];
        if (child.kind === "m" || child.kind === "i") {
          text += " " + self.displayText(child, true);
        }
      });
    }
    return text;
  };

  /* A window of ``width`` characters of the result's text, [[text, marked], ...]: it opens
     before the first place the query stands as typed (a phrase), else where most of the
     query's groups lie close together. Marked: phrases, and the groups' words. */
  Engine.prototype.snippet = function (doc, query, width, whole) {
    var self = this;
    width = width || 90;
    var original = Array.from(this.displayText(doc, whole));
    var folded = [];
    var owner = [];
    original.forEach(function (ch, i) {
      Array.from(self.fold(ch)).forEach(function (c) { folded.push(c); owner.push(i); });
    });
    var foldedText = folded.join("");
    var marked = new Array(original.length).fill(false);
    function places(alt) {
      var list = [];
      var at = foldedText.indexOf(alt);
      while (at >= 0) {
        var start = Array.from(foldedText.slice(0, at)).length;
        list.push([owner[start], owner[start + Array.from(alt).length - 1] + 1]);
        at = foldedText.indexOf(alt, at + alt.length);
      }
      return list;
    }
    function mark(list) {
      list.forEach(function (span) {
        for (var k = span[0]; k < span[1]; k++) {
          marked[k] = true;
        }
      });
    }
    var anchor = -1;
    query.phrases.forEach(function (p) {
      p.forEach(function (alt) {
        var list = places(alt);
        mark(list);
        if (list.length && (anchor < 0 || list[0][0] < anchor)) {
          anchor = list[0][0];
        }
      });
    });
    var starts = [];
    query.groups.forEach(function (g, gi) {
      g.alts.forEach(function (alt) {
        if (Array.from(alt).length < 2 && alt !== g.typed) {
          return;
        }
        var list = places(alt);
        mark(list);
        list.forEach(function (span) { starts.push([span[0], gi]); });
      });
    });
    if (anchor < 0 && starts.length) {
      var bestCount = 0;
      starts.forEach(function (s) {
        var near = new Set();
        starts.forEach(function (t) {
          if (t[0] >= s[0] && t[0] < s[0] + width - 30) {
            near.add(t[1]);
          }
        });
        if (near.size > bestCount || (near.size === bestCount && s[0] < anchor)) {
          bestCount = near.size;
          anchor = s[0];
        }
      });
    }
    var from = Math.max(0, Math.min(anchor - 20, original.length - width));
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

  /* The words marked in a result, as its text prints them (every marked run of its snippet
     over the whole text), for the page the result opens. */
  Engine.prototype.markedWords = function (doc, query, whole) {
    var words = [];
    this.snippet(doc, query, Infinity, whole).segments.forEach(function (segment) {
      if (segment[1] && words.indexOf(segment[0]) < 0) {
        words.push(segment[0]);
      }
    });
    return words;
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

  return {Engine: Engine, makeFold: makeFold, decodeVocab: decodeVocab, makeTrie: makeTrie, addWords: addWords,
          makeTerms: makeTerms, postingScores: postingScores, docWeight: docWeight, kindRank: kindRank, QUERY_LIMIT: QUERY_LIMIT, LUNR_POWER: LUNR_POWER};
});
