/* Conveniences only: every page reads fully without this script. */
(function () {
  "use strict";

  var search = document.getElementById("site-search");
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    var typing = active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
    if (event.key === "/" && search && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });

  var toc = document.getElementById("toc-details");
  if (toc && window.matchMedia && window.matchMedia("(min-width: 64em)").matches) {
    toc.open = true;
  }

  var status = document.getElementById("copy-status");
  function announce(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  /* The page's address for citations: its canonical address when the site sets site_url,
     else the address it was opened at. */
  var canonical = document.querySelector('link[rel="canonical"]');
  var pageAddress = canonical ? canonical.href : location.href.split("#")[0];

  /* One keyboard stop per clause: with the copy control shown, the ¶ / 第N段 link beside it
     stays for the mouse and for reading, out of the Tab order. */
  var buttons = document.querySelectorAll("button.cite");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    var link = button.previousElementSibling;
    if (link && link.classList.contains("permalink")) {
      link.tabIndex = -1;
    }
    button.addEventListener("click", function () {
      var citation = button.getAttribute("data-cite") + " " + pageAddress + "#" + button.getAttribute("data-target");
      copyText(citation).then(function () {
        button.focus(); /* the fallback's textarea took focus; give it back */
        button.textContent = "已复制";
        announce("已复制引用：" + citation);
        window.setTimeout(function () { button.textContent = "复制引用"; }, 2000);
      }, function () {
        button.focus();
        announce("无法自动复制，请手动复制：" + citation);
        window.prompt("复制以下引用：", citation);
        button.focus();
      });
    });
  });

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
