// The day a page is printed, in its printed header (base.html, .print-only): a printout says when
// it was taken. Filled just before printing; without scripts the header still gives the address.
(function () {
  "use strict";
  function stamp() {
    var day = new Date().toLocaleDateString("ro-RO", {day: "numeric", month: "long", year: "numeric"});
    document.querySelectorAll("[data-print-date]").forEach(function (node) {
      node.querySelector("span").textContent = day;
      node.hidden = false;
    });
  }
  window.addEventListener("beforeprint", stamp);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", function (query) { if (query.matches) stamp(); });
  }
})();
