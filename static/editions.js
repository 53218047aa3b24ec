/* A plan with editions: the notice on its pages follows the clause in the address.
   On an older edition's page the link to the latest edition leads to the same clause there;
   on any page, an address naming a clause that is not on it (a permalink of an older
   edition) says where the clause is now, or that the latest edition removed it. */
(function () {
  "use strict";
  var notice = document.getElementById("edition-notice");
  if (!notice) {
    return;
  }
  var elsewhere = {};
  Array.prototype.forEach.call(notice.querySelectorAll(".edition-map li"), function (item) {
    elsewhere[item.getAttribute("data-id")] = item.getAttribute("data-url");
  });
  var older = notice.getAttribute("data-older") === "yes";
  var latest = notice.getAttribute("data-latest");
  var label = notice.getAttribute("data-latest-label");

  function follow() {
    var id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      id = "";
    }
    var known = id && Object.prototype.hasOwnProperty.call(elsewhere, id);
    var link = document.getElementById("edition-latest");
    if (link) {
      link.setAttribute("href", !id ? latest : known ? (elsewhere[id] || latest) : latest + "#" + encodeURIComponent(id));
    }
    var moved = document.getElementById("edition-moved");
    moved.hidden = true;
    moved.textContent = "";
    if (!known || (!older && document.getElementById(id))) {
      return;
    }
    if (elsewhere[id]) {
      moved.appendChild(document.createTextNode(older ? "本条款在" + label + "中位于" : "该链接所指条款在" + label + "中已移至"));
      var to = document.createElement("a");
      to.href = elsewhere[id];
      to.textContent = "新位置";
      moved.appendChild(to);
      moved.appendChild(document.createTextNode("。"));
    } else {
      moved.textContent = "该链接所指条款在" + label + "中已删除。";
    }
    moved.hidden = false;
  }
  follow();
  window.addEventListener("hashchange", follow);
}());
