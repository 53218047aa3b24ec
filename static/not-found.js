/* The 404 page is served for a missing address at any depth, and without site_url it cannot
   know where the site's root is: find the nearest folder above the address that holds the
   site's data/catalog.json (same-origin requests only), then point the page's relative links
   and the search form there. Inlined in 404.html (allowed by its CSP hash); without it, or
   from file://, the links stay as written. */
(function () {
  "use strict";
  var folders = location.pathname.split("/");
  folders.pop();
  function relink(base) {
    Array.prototype.forEach.call(document.querySelectorAll("a[href], form[action], link[href]"), function (el) {
      var name = el.tagName === "FORM" ? "action" : "href";
      var value = el.getAttribute(name);
      if (value && !/^(?:[a-z]+:|\/|#)/i.test(value)) {
        el.setAttribute(name, base + value);
      }
    });
  }
  function probe(depth) {
    if (depth < 1 || !window.fetch) {
      return;
    }
    var base = folders.slice(0, depth).join("/") + "/";
    fetch(base + "data/catalog.json", {method: "HEAD"}).then(function (response) {
      if (response.ok) {
        relink(base);
      } else {
        probe(depth - 1);
      }
    }, function () { probe(depth - 1); });
  }
  probe(folders.length);
})();
