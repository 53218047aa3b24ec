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

  /* The sticky header's height, for the style sheet's scroll-padding (focus and landed
     clauses clear of it), kept as the text size or the header's rows change. */
  var header = document.querySelector(".site-header");
  if (header && window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--header-h", header.offsetHeight + "px");
    }).observe(header);
  }

  var toc = document.getElementById("toc-details");
  if (toc && window.matchMedia && window.matchMedia("(min-width: 64em)").matches) {
    toc.open = true;
  }
  /* 回到目录 leads to the contents open, not to their folded summary. */
  Array.prototype.forEach.call(document.querySelectorAll('a[href="#toc-details"]'), function (link) {
    link.addEventListener("click", function () {
      if (toc) {
        toc.open = true;
      }
    });
  });

  /* Paper gets what a closed <details> hides (正文中的数字, 相关措施…): open every one of the
     main text before printing, and close again after those that were closed. */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("main details:not([open])"),
      function (details) { return details.id !== "toc-details"; });
    openedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

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

  /* The page's address for citations: its canonical address when the site sets site_url;
     without it none (the address the page was opened at may be a preview's, a file:// path
     or a loopback server, useless to whoever reads the citation). */
  var canonical = document.querySelector('link[rel="canonical"]');
  var pageAddress = canonical ? canonical.href : "";

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
      var citation = button.getAttribute("data-cite") +
        (pageAddress ? " " + pageAddress + "#" + button.getAttribute("data-target") : "");
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

  /* The home page's plan filters (the list reads fully without them). */
  var planFilters = document.getElementById("plan-filters");
  if (planFilters) {
    var selects = Array.prototype.slice.call(planFilters.querySelectorAll("select[data-filter]"));
    var cards = Array.prototype.slice.call(document.querySelectorAll(".plan-list > .plan-card"));
    var count = document.getElementById("plan-filter-count");
    var filterPlans = function () {
      var shownCards = 0;
      cards.forEach(function (card) {
        var keep = selects.every(function (s) {
          return !s.value || card.getAttribute("data-" + s.getAttribute("data-filter")) === s.value;
        });
        card.hidden = !keep;
        shownCards += keep ? 1 : 0;
      });
      count.textContent = "共 " + shownCards + " 个规划";
    };
    /* The filters are kept in the address (?level_name=省级&sector=教育), so a filtered list
       can be bookmarked and shared, and Back returns to it. */
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.getAttribute("data-filter"));
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
      }
    });
    var keepInAddress = function () {
      var query = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        if (s.value) {
          query.set(s.getAttribute("data-filter"), s.value);
        } else {
          query.delete(s.getAttribute("data-filter"));
        }
      });
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    };
    selects.forEach(function (s) {
      s.addEventListener("change", function () { filterPlans(); keepInAddress(); });
    });
    planFilters.hidden = false;
    filterPlans();
  }
})();
