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

  var buttons = document.querySelectorAll("button.cite");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + button.getAttribute("data-target");
      var citation = button.getAttribute("data-cite") + " " + url;
      copyText(citation).then(function () {
        button.textContent = "已复制";
        announce("已复制引用：" + citation);
        window.setTimeout(function () { button.textContent = "复制引用"; }, 2000);
      }, function () {
        announce("无法自动复制，请手动复制：" + citation);
        window.prompt("复制以下引用：", citation);
      });
    });
  });
})();
