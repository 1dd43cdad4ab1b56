/* "Skriv ut" buttons: shown and working only when this script runs. (The date of printing is
   stamped by a small script in every page, overrides/main.html.) */
(function () {
  "use strict";

  window.lcModules.register("lc-print-button", function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
    button.hidden = false;
  });
})();
