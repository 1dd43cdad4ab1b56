/* Starts each component on the elements that name it in data-module: once per element,
   each in its own try/catch so that one failure never stops the others. */
(function () {
  "use strict";

  function startAll(name, start) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="' + name + '"]'), function (root) {
      if (root.hasAttribute("data-lc-initialised")) {
        return;
      }
      try {
        start(root);
        root.setAttribute("data-lc-initialised", "");
      } catch (error) {
        if (window.console) {
          window.console.error(error);
        }
      }
    });
  }

  window.lcModules = {
    register: function (name, start) {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () {
          startAll(name, start);
        });
      } else {
        startAll(name, start);
      }
    }
  };
})();
