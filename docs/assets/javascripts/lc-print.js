/* Printing: the date of printing in the document control and the running footer,
   and "Skriv ut" buttons. */
(function () {
  "use strict";

  function stampPrintDate() {
    var today = new Date().toLocaleDateString("sv-SE");
    Array.prototype.forEach.call(document.querySelectorAll("[data-lc-print-date]"), function (node) {
      node.textContent = today;
    });
    Array.prototype.forEach.call(document.querySelectorAll("style[data-lc-print-footer]"), function (style) {
      style.textContent = style.textContent.replace(/Utskriven: [^"]*/, "Utskriven: " + today);
    });
  }

  stampPrintDate();
  window.addEventListener("beforeprint", stampPrintDate);

  window.lcModules.register("lc-print-button", function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
    button.hidden = false;
  });
})();
