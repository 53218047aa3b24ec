/* Reading conveniences of plan pages (not needed by the search page, so not in its bundle):
   opened details kept on Back, and the searched words marked in the clause a result opened. */
(function () {
  "use strict";

  /* Opened details (正文中的相关条款, 落实条款) stay open when the reader comes Back. */
  var storage = null;
  try {
    storage = window.sessionStorage;
  } catch (error) {
    storage = null;
  }
  var OPEN_KEY = "plansite-open:" + location.pathname;
  if (storage) {
    var opened = (storage.getItem(OPEN_KEY) || "").split(" ");
    Array.prototype.forEach.call(document.querySelectorAll("details.keep-open[id]"), function (details) {
      if (opened.indexOf(details.id) >= 0) {
        details.open = true;
      }
      details.addEventListener("toggle", function () {
        var now = Array.prototype.filter.call(document.querySelectorAll("details.keep-open[id]"), function (d) {
          return d.open;
        }).map(function (d) { return d.id; });
        storage.setItem(OPEN_KEY, now.join(" "));
      });
    });
  }

  /* The words a search result was opened for, marked in the clause it leads to (the search
     page leaves them in sessionStorage: the link itself stays a plain permalink). */
  function highlight(root, words) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      if (node.parentNode.closest("button, mark, script")) {
        return;
      }
      var text = node.nodeValue;
      var cuts = [];
      words.forEach(function (word) {
        var at = text.indexOf(word);
        while (word && at >= 0) {
          cuts.push([at, at + word.length]);
          at = text.indexOf(word, at + word.length);
        }
      });
      if (!cuts.length) {
        return;
      }
      cuts.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
      var fragment = document.createDocumentFragment();
      var done = 0;
      cuts.forEach(function (cut) {
        if (cut[0] < done) {
          return;
        }
        fragment.appendChild(document.createTextNode(text.slice(done, cut[0])));
        var mark = document.createElement("mark");
        mark.className = "searched";
        mark.textContent = text.slice(cut[0], cut[1]);
        fragment.appendChild(mark);
        done = cut[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(done)));
      node.parentNode.replaceChild(fragment, node);
    });
  }
  var searched = null;
  try {
    searched = storage && JSON.parse(storage.getItem("plansite-searched") || "null");
  } catch (error) {
    searched = null;
  }
  if (searched && searched.page === location.href.split("#")[0] && location.hash) {
    storage.removeItem("plansite-searched");
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && searched.words && searched.words.length) {
      highlight(target, searched.words);
    }
  }
})();
