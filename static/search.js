/* The search page: reads ?q= (and ?ch=, ?st=; on a plan with editions ?ed=, the earlier
   edition whose search data is loaded instead of the latest's and whose chapters the chapter
   filter lists), runs the query, renders results as DOM
   text nodes (never innerHTML), keeps the URL shareable. */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var help = document.getElementById("search-help");
  var panel = document.getElementById("search-indicators");
  var more = document.getElementById("search-more");
  var partialBox = document.getElementById("search-partial");
  var partialToggle = document.getElementById("search-partial-toggle");
  var partialList = document.getElementById("search-partial-results");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var chapter = document.getElementById("search-ch");
  var stage = document.getElementById("search-st");
  var planSelect = document.getElementById("search-plan");
  var issuerSelect = document.getElementById("search-issuer");
  var yearSelect = document.getElementById("search-year");
  var editionSelect = document.getElementById("search-ed");
  var latestChapters = chapter ? Array.prototype.slice.call(chapter.options, 1).map(function (o) { return o.text; }) : [];
  var filters = [["ch", chapter], ["st", stage], ["plan", planSelect], ["issuer", issuerSelect], ["year", yearSelect]]
    .filter(function (f) { return f[1]; });
  var catalog = null;
  var ticket = 0;
  var root = new URL(".", document.currentScript ? document.currentScript.src : location.href);
  root = new URL("..", root);
  var engine = null;
  var lastRun = null; /* the query last run (an IME's last input and compositionend bring the same) */
  var composing = false;
  var shown = 0;
  var last = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function pageUrl(doc) {
    return new URL(doc.page + "#" + doc.id, root).href;
  }

  function title(doc) {
    if (doc.kind === "i" || doc.kind === "s") {
      return doc.number + (/[、）)：:.．是]$/.test(doc.number) ? "" : " ") + doc.title;
    }
    if (doc.kind === "p") {
      var box = engine.docs[doc.parent];
      return (box ? box.number.replace(/[：:]$/, "") + " " : "") + (doc.number || "") + " " + (doc.title || doc.rest).replace(/。$/, "");
    }
    if (doc.kind === "n") {
      return "指标：" + doc.title;
    }
    var text = doc.title || doc.rest;
    return text.length > 30 ? text.slice(0, 30) + "…" : text;
  }

  function snippetNode(doc, query, whole) {
    var p = el("p", "snippet");
    var snippet = engine.snippet(doc, query, 100, whole);
    if (snippet.before) {
      p.appendChild(document.createTextNode("…"));
    }
    snippet.segments.forEach(function (segment) {
      if (segment[1]) {
        p.appendChild(el("mark", "", segment[0]));
      } else {
        p.appendChild(document.createTextNode(segment[0]));
      }
    });
    if (snippet.after) {
      p.appendChild(document.createTextNode("…"));
    }
    return p;
  }

  function resultItem(hit, query) {
    var doc = hit.doc;
    var li = el("li", hit.tier === 1 ? "partial" : doc.kind === "n" ? "indicator-hit" : "");
    var link = el("a", "result-title", title(doc));
    link.href = pageUrl(doc);
    link.setAttribute("data-n", String(doc.n));
    li.appendChild(link);
    if (catalog && catalog.entry.plans.length > 1) {
      li.appendChild(el("p", "result-plan", catalog.entry.plans[doc.plan].title));
    }
    var crumbs = engine.crumbs(doc);
    if (crumbs.length) {
      li.appendChild(el("p", "result-crumbs", crumbs.join(" › ")));
    }
    if (doc.review) {
      li.appendChild(el("p", "result-label", "回顾以往：过去的成绩，不是本规划的目标"));
    }
    li.appendChild(snippetNode(doc, query, hit.whole));
    return li;
  }

  function indicatorPanel(hits) {
    clear(panel);
    panel.hidden = !hits.length;
    if (!hits.length) {
      return;
    }
    panel.appendChild(el("h2", "", "相关指标"));
    var ul = el("ul");
    hits.slice(0, 6).forEach(function (hit) {
      var li = el("li");
      var a = el("a", "", hit.doc.title);
      a.href = pageUrl(hit.doc);
      li.appendChild(a);
      li.appendChild(document.createTextNode("：" + hit.doc.rest));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function noResults(query, raw) {
    clear(help);
    help.hidden = false;
    help.appendChild(el("p", "", raw.trim() ? "没有找到包含“" + raw.trim().slice(0, 40) + "”的条款。" : "请输入要查找的主题词。"));
    help.appendChild(el("p", "", "可以换用规划里的说法，或减少词语。"));
    var words = engine.suggest(raw, 8);
    if (words.length) {
      var p = el("p", "", "可以试试：");
      words.forEach(function (word, i) {
        var a = el("a", "", word);
        a.href = "?q=" + encodeURIComponent(word);
        if (i) {
          p.appendChild(document.createTextNode("、"));
        }
        p.appendChild(a);
      });
      help.appendChild(p);
    }
  }

  /* The next page of results not yet listed (``count`` of them, a page by default); the
     catalog fetches the next fragments that can hold results once every loaded result is
     listed (then appends the new ones). Returns the first item listed, or null. */
  function showMore(count) {
    var fragment = document.createDocumentFragment();
    var before = list.children.length;
    var added = 0;
    last.listed.forEach(function (hit) {
      if (added < (count || PAGE_SIZE) && !last.shown.has(hit.doc.n)) {
        last.shown.add(hit.doc.n);
        fragment.appendChild(resultItem(hit, hit.query || last.hits.query)); /* a catalog's hit: as its plan cut the query */
        added += 1;
      }
    });
    list.appendChild(fragment);
    shown = last.shown.size;
    more.hidden = shown >= last.listed.length && !last.hits.pending && !partialLeft(last.hits);
    showStatus(last.hits);
    return list.children[before] || null;
  }

  /* The first item of the list whose result is not among ``seen`` (document numbers), or null. */
  function firstNotIn(seen) {
    return Array.prototype.filter.call(list.children, function (li) {
      var link = li.querySelector("a[data-n]");
      return link && !seen.has(Number(link.getAttribute("data-n")));
    })[0] || null;
  }

  /* 显示更多结果 pressed and gone (nothing more to list): focus moves to the first result it
     listed, not to the page's body, so a keyboard reader goes on from there (WAI-ARIA APG:
     focus must not be lost when the focused control disappears). */
  function focusListed(item) {
    var link = item && item.querySelector("a");
    if (link && more.hidden && (document.activeElement === more || document.activeElement === document.body)) {
      link.focus();
    }
  }

  /* ``done``, when given, is called once the page is listed (it then owns aria-busy). */
  function nextPage(event, done) {
    if (shown < last.listed.length || !catalog) {
      var item = showMore();
      if (done) {
        done();
      } else {
        focusListed(item);
      }
      return;
    }
    var mine = ticket;
    list.setAttribute("aria-busy", "true");
    catalog.more(function (hits) {
      if (mine === ticket) {
        var seen = last.shown;
        var anew = !last.hits.results.length; /* partial matches were listed: the chapters fetched may bring */
        if (anew) { /* better ones, a result, or end the last resort's; so list anew, in the new order */
          clear(list);
          last.shown = new Set();
        }
        if (anew && hits.results.length) {
          partialControl(hits); /* the partial ones behind their button, as when results came first */
        }
        update(hits);
        var item = showMore(anew && !hits.results.length ? seen.size + PAGE_SIZE : PAGE_SIZE);
        if (anew && !hits.results.length) {
          item = firstNotIn(seen);
        }
        if (done) {
          done();
        } else {
          list.setAttribute("aria-busy", "false");
          focusListed(item);
        }
      }
    });
  }

  /* What Back must bring back (sourcegraph-public-snapshot#28845): how many results were
     listed, where the page was scrolled and which result was opened (a keyboard reader's
     next Tab goes on from it), kept in the history entry itself. */
  var opened = null;
  function keepPlace() {
    if (last) {
      history.replaceState({shown: last.shown.size, scrollY: window.scrollY, opened: opened}, "", location.href);
    }
  }

  /* Lists results page by page until ``saved.shown`` are listed, then scrolls back. */
  function restore(saved) {
    if (shown < saved.shown && !more.hidden) {
      list.setAttribute("aria-busy", "true");
      nextPage(null, function () { restore(saved); });
      return;
    }
    window.scrollTo(0, saved.scrollY);
    var link = Array.prototype.filter.call(document.querySelectorAll("#search-results a[data-n], #search-partial-results a[data-n]"),
      function (a) { return a.getAttribute("href") === saved.opened && a.getClientRects().length; })[0];
    if (link) {
      link.focus({preventScroll: true});
    }
    list.setAttribute("aria-busy", "false");
  }

  function update(hits) {
    last.hits = hits;
    last.listed = hits.results.length ? hits.results : hits.partial;
    indicatorPanel(hits.indicators);
  }

  /* Plans the stage filter cannot place (their genre has no stages): named, never silently left out. */
  function outsideStages() {
    if (!catalog || !stageNumber()) {
      return "";
    }
    var names = catalog.entry.plans.filter(function (plan) { return plan.staged === 0; })
      .map(function (plan) { return "《" + plan.title + "》"; });
    return names.length ? "。" + names.join("、") + "不分学段，不在学段筛选之内" : "";
  }

  /* Whether the list is of clauses holding only some words and the catalog has more of them to fetch. */
  function partialLeft(hits) {
    return !hits.results.length && Boolean(hits.partialPending);
  }

  function showStatus(hits) {
    var waiting = (hits.pending ? "（还有 " + hits.pending + " 章可能含有结果，见页末）" : "") + outsideStages();
    if (hits.results.length) {
      status.textContent = (hits.pending ? "先列出 " : "找到 ") + hits.results.length + " 条" + waiting;
    } else if (hits.partial.length && hits.pending) {
      status.textContent = "已查的章节中没有条款包含全部词语；先列出 " + hits.partial.length + " 条包含其中一部分" + waiting;
    } else if (hits.partial.length) {
      status.textContent = "没有条款包含全部词语；" + (partialLeft(hits) ? "先列出 " : "以下 ") + hits.partial.length +
        " 条包含其中一部分" + (partialLeft(hits) ? "（还有更多，见页末）" : "") + outsideStages();
    } else {
      status.textContent = outsideStages().slice(1);
    }
  }

  /* Clauses holding only some of the words: behind a button, never in the count. The
     catalog fetches them when the button is pressed (their count is unknown until then). */
  function partialControl(hits) {
    clear(partialList);
    partialList.hidden = true;
    partialBox.hidden = !(hits.results.length && (hits.partial.length || hits.partialPending));
    partialToggle.setAttribute("aria-expanded", "false");
    partialToggle.textContent = hits.partialPending ? "另有只含部分词语的条款，显示" :
      "另有 " + hits.partial.length + " 条只含部分词语，显示";
  }

  function listPartial() {
    clear(partialList);
    last.hits.partial.slice(0, 50).forEach(function (hit) {
      partialList.appendChild(resultItem(hit, hit.query || last.hits.query));
    });
    if (!last.hits.partial.length) {
      partialList.appendChild(el("li", "", "没有只含部分词语的条款。"));
    }
  }

  function showPartial() {
    var open = partialToggle.getAttribute("aria-expanded") !== "true";
    partialToggle.setAttribute("aria-expanded", String(open));
    partialList.hidden = !open;
    if (!open || partialList.firstChild) {
      return;
    }
    if (!last.hits.partialPending) {
      listPartial();
      return;
    }
    var mine = ticket;
    partialList.setAttribute("aria-busy", "true");
    catalog.morePartial(function (hits) {
      if (mine === ticket) {
        update(hits);
        partialToggle.textContent = "另有" + (hits.partialPending ? "至少 " : " ") + hits.partial.length + " 条只含部分词语，显示";
        listPartial();
        showMore();
        partialList.setAttribute("aria-busy", "false");
      }
    });
  }

  /* The plans the catalog filters (plan, issuer, year) leave, or null for all. */
  function allowedPlans() {
    if (!catalog || !filters.some(function (f) { return f[0].length > 2 && f[1].value; })) {
      return null;
    }
    var allowed = new Set();
    catalog.entry.plans.forEach(function (plan, i) {
      if ((!planSelect || !planSelect.value || planSelect.value === plan.slug) &&
          (!issuerSelect || !issuerSelect.value || issuerSelect.value === plan.issuer) &&
          (!yearSelect || !yearSelect.value || yearSelect.value === plan.year)) {
        allowed.add(i);
      }
    });
    return allowed;
  }

  /* The chosen stage as the index numbers it (its place in the filter: the catalog's
     stages in order), or "" for none. */
  function stageNumber() {
    return stage && stage.selectedIndex > 0 ? String(stage.selectedIndex - 1) : "";
  }

  /* A filter's value from the address: a stage by slug (st=vocational), or, in links made
     before stages were named, by its place (st=3). */
  function fromAddress(name, select, value) {
    if (name === "st" && /^[0-9]+$/.test(value) && select.options[Number(value) + 1]) {
      return select.options[Number(value) + 1].value;
    }
    return value;
  }

  /* ``done``: called right after the results are shown. */
  function run(raw, done) {
    list.setAttribute("aria-busy", "true");
    var mine = ++ticket;
    lastRun = raw;
    var options = {chapter: chapter ? chapter.value : "", stage: stageNumber(), plans: allowedPlans()};
    if (catalog) {
      catalog.search(raw, options, function (hits) {
        if (mine === ticket) {
          show(hits, raw);
          if (done) {
            done();
          }
        }
      });
    } else {
      show(engine.search(raw, options), raw);
      if (done) {
        done();
      }
    }
  }

  function show(hits, raw) {
    clear(list);
    clear(help);
    help.hidden = true;
    shown = 0;
    last = {hits: hits, listed: [], shown: new Set()};
    update(hits);
    partialControl(hits);
    if (last.listed.length) {
      showMore();
    } else {
      status.textContent = outsideStages().slice(1);
      more.hidden = true;
      noResults(hits.query, raw);
    }
    list.setAttribute("aria-busy", "false");
  }

  /* Leave the words marked in the result, as the clause prints them (STEM, 中小學生,
     １２０所: the index folds case, width and traditional forms, the page does not), for the
     page the result opens (reading.js marks them there; cozydev-pink/protosearch#284). */
  function remember(event) {
    var link = event.target.closest ? event.target.closest("a[data-n]") : null;
    if (!link || !last) {
      return;
    }
    opened = link.getAttribute("href");
    keepPlace();
    var n = Number(link.getAttribute("data-n"));
    var hit = last.hits.results.concat(last.hits.partial).filter(function (h) { return h.doc.n === n; })[0];
    var words = hit ? engine.markedWords(hit.doc, hit.query || last.hits.query, hit.whole) : [];
    try {
      window.sessionStorage.setItem("plansite-searched", JSON.stringify({page: link.href.split("#")[0], words: words}));
    } catch (error) {
      /* no storage (private mode, file://): nothing is marked */
    }
  }

  function typed() {
    if (input.value !== lastRun) {
      run(input.value);
      syncUrl();
    }
  }

  function syncUrl() {
    var params = new URLSearchParams();
    if (input.value) {
      params.set("q", input.value);
    }
    filters.forEach(function (f) {
      if (f[1].value) {
        params.set(f[0], f[1].value);
      }
    });
    if (editionSelect && editionSelect.value) {
      params.set("ed", editionSelect.value);
    }
    history.replaceState(null, "", "?" + params.toString());
  }

  /* A part of the catalog's index: a <script> per file (works from file:// and under the
     Content-Security-Policy's script-src 'self'); callback(data or undefined). */
  function loadPart(path, name, callback) {
    var script = document.createElement("script");
    script.src = new URL("search/" + path, root).href;
    script.onload = function () { callback((window.PLAN_SEARCH_PARTS || {})[name]); };
    script.onerror = function () { callback(undefined); };
    document.head.appendChild(script);
  }

  function idle(callback) {
    if (window.requestIdleCallback) {
      window.requestIdleCallback(callback, {timeout: 2000});
    } else {
      window.setTimeout(function () { callback({timeRemaining: function () { return 8; }}); }, 50);
    }
  }

  /* The edition of the address's ed= (the latest when it names none of the filter's). An
     earlier edition's option carries its chapters (data-chapters, one a line): the chapter
     filter then lists them, as that edition's search data numbers them, not the latest's. */
  function chooseEdition(value) {
    editionSelect.value = value;
    if (editionSelect.selectedIndex < 0) {
      editionSelect.selectedIndex = 0;
    }
    var option = editionSelect.options[editionSelect.selectedIndex];
    if (!chapter || option.getAttribute("data-chapters") === null) {
      return;
    }
    var names = chaptersOf(option);
    while (chapter.options.length > 1) {
      chapter.remove(1);
    }
    names.forEach(function (name, number) {
      chapter.appendChild(new Option(name, String(number)));
    });
  }

  /* An edition's chapter names, in its search data's order: an earlier one's data-chapters,
     the latest's as the page was served. */
  function chaptersOf(option) {
    var listed = option.getAttribute("data-chapters");
    return listed === null ? latestChapters : listed.split("\n");
  }

  /* The address for another edition: its ed=, and ch= naming the chapter of the same name in
     that edition's list (none when it has no such chapter). */
  function editionAddress() {
    syncUrl();
    if (!chapter || !chapter.value) {
      return;
    }
    var params = new URLSearchParams(location.search);
    var place = chaptersOf(editionSelect.options[editionSelect.selectedIndex]).indexOf(chapter.options[chapter.selectedIndex].text);
    if (place < 0) {
      params.delete("ch");
    } else {
      params.set("ch", String(place));
    }
    history.replaceState(null, "", "?" + params.toString());
  }

  /* The edition filter: an earlier edition's search data (its option's data-script) replaces
     the latest's (window.PLAN_SEARCH_DATA) before the engine is made; another choice reloads
     the page with the address's ed= changed. callback(loaded: false when the data failed). */
  function loadEdition(callback) {
    editionSelect.addEventListener("change", function () {
      editionAddress();
      location.reload();
    });
    if (!editionSelect.value) {
      callback(true);
      return;
    }
    var script = document.createElement("script");
    script.src = new URL(editionSelect.options[editionSelect.selectedIndex].getAttribute("data-script"), root).href;
    script.onload = function () { callback(true); };
    script.onerror = function () { callback(false); };
    document.head.appendChild(script);
  }

  function start() {
    performance.mark("search-start");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (editionSelect) {
      chooseEdition(params.get("ed") || "");
    }
    filters.forEach(function (f) { f[1].value = fromAddress(f[0], f[1], params.get(f[0]) || ""); });
    var siteSearch = document.getElementById("site-search");
    if (siteSearch) {
      siteSearch.value = input.value;
    }
    if (editionSelect) {
      loadEdition(function (loaded) {
        if (loaded) {
          begin();
        } else {
          status.textContent = "搜索数据无法加载。";
          list.setAttribute("aria-busy", "false");
        }
      });
    } else {
      begin();
    }
  }

  function begin() {
    try {
      var core = window.PlanSearch();
      var parts = window.PLAN_SEARCH_PARTS;
      if (!window.PLAN_SEARCH_DATA && parts && parts.catalog) {
        catalog = new (window.PlanCatalog(core, loadPart).Catalog)(parts.catalog);
        engine = catalog.engine;
      } else {
        engine = new core.Engine(window.PLAN_SEARCH_DATA);
      }
    } catch (error) {
      status.textContent = "搜索数据无法加载。";
      list.setAttribute("aria-busy", "false");
      return;
    }
    performance.mark("search-engine");
    var saved = history.state;
    if ("scrollRestoration" in history) {
      history.scrollRestoration = "manual";
    }
    run(input.value, function () {
      if (saved && saved.shown) {
        restore(saved);
      }
    });
    performance.mark("search-results"); /* the catalog's results come later: aria-busy turns false */
    idle(function prepareSome(deadline) {
      if (!engine.prepare(deadline)) {
        idle(prepareSome);
      }
    });
    /* Not while an IME composes (shuding/nextra#3156): xueqian is no query; once, when it ends. */
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () {
      composing = false;
      typed();
    });
    input.addEventListener("input", function (event) {
      if (!composing && !event.isComposing) {
        typed();
      }
    });
    window.addEventListener("pagehide", keepPlace);
    filters.forEach(function (f) {
      f[1].addEventListener("change", function () { run(input.value); syncUrl(); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); syncUrl(); });
    more.addEventListener("click", function () { nextPage(); });
    list.addEventListener("click", remember);
    partialList.addEventListener("click", remember);
    partialToggle.addEventListener("click", showPartial);
    window.planSearchRun = run; /* for measuring typed-query latency */
  }

  start();
})();
