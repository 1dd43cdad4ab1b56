/* Printing: the date of printing in the document control, and "Skriv ut" buttons. */
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

  function initButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="lc-print-button"]'), function (button) {
      if (button.hasAttribute("data-lc-initialised")) {
        return;
      }
      button.setAttribute("data-lc-initialised", "");
      button.addEventListener("click", function () {
        window.print();
      });
      button.hidden = false;
    });
  }

  function init() {
    try {
      stampPrintDate();
      initButtons();
      window.addEventListener("beforeprint", stampPrintDate);
    } catch (error) {
      if (window.console) {
        window.console.error(error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
