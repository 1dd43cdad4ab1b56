/* Checklist memory: ticks and their times are kept in localStorage, per site and role.
   The HTML works without this file; it only adds memory, progress, times and a reset button. */
(function () {
  "use strict";

  var MODULE = "lc-checklist";

  function ChecklistError(message) {
    this.name = "ChecklistError";
    this.message = message;
  }
  ChecklistError.prototype = Object.create(Error.prototype);

  // Storage that fails (blocked, full, private mode) means "nothing saved", never a broken page.
  var storage = {
    read: function (key) {
      try {
        var parsed = JSON.parse(window.localStorage.getItem(key) || "{}");
        var clean = {};
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
          Object.keys(parsed).forEach(function (id) {
            if (typeof parsed[id] === "string" && !isNaN(Date.parse(parsed[id]))) {
              clean[id] = parsed[id];
            }
          });
        }
        return clean;
      } catch (error) {
        return {};
      }
    },
    write: function (key, state) {
      try {
        if (Object.keys(state).length) {
          window.localStorage.setItem(key, JSON.stringify(state));
        } else {
          window.localStorage.removeItem(key);
        }
        return true;
      } catch (error) {
        return false;
      }
    }
  };

  function formatTime(iso) {
    var when = new Date(iso);
    var time = when.toLocaleTimeString("sv-SE", { hour: "2-digit", minute: "2-digit" });
    if (when.toDateString() === new Date().toDateString()) {
      return time;
    }
    return when.toLocaleDateString("sv-SE", { day: "numeric", month: "short" }) + " " + time;
  }

  function Checklist(root) {
    this.root = root;
    this.key = root.getAttribute("data-lc-storage-key");
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));
    this.phases = Array.prototype.slice.call(root.querySelectorAll("[data-lc-phase]"));
    this.reset = root.querySelector("[data-lc-reset]");
    this.notice = root.querySelector("[data-lc-notice]");
    if (!this.key || !this.boxes.length || !this.reset || !this.notice) {
      throw new ChecklistError("lc-checklist: markup is missing a storage key, checkboxes, reset button or notice");
    }
    this.state = storage.read(this.key);
    this.boxes.forEach(function (box) {
      box.addEventListener("change", this.onChange.bind(this, box));
    }, this);
    this.reset.addEventListener("click", this.onReset.bind(this));
    window.addEventListener("storage", this.onStorage.bind(this));
    this.reset.closest("[data-lc-toolbar]").hidden = false;
    this.save();
    this.render();
  }

  Checklist.prototype.onChange = function (box) {
    if (box.checked) {
      this.state[box.name] = new Date().toISOString();
    } else {
      delete this.state[box.name];
    }
    this.save();
    this.render();
  };

  Checklist.prototype.onReset = function () {
    if (!window.confirm("Vill du rensa checklistan? Alla bockar och tider tas bort.")) {
      return;
    }
    this.state = {};
    this.save();
    this.render();
    this.boxes[0].focus();
  };

  Checklist.prototype.onStorage = function (event) {
    if (event.key === this.key || event.key === null) {
      this.state = storage.read(this.key);
      this.render();
    }
  };

  Checklist.prototype.save = function () {
    var saved = storage.write(this.key, this.state);
    this.notice.textContent = saved
      ? "Bockarna sparas i den här webbläsaren, på den här datorn."
      : "Bockarna kan inte sparas i den här webbläsaren. Skriv ut listan om du behöver spara den.";
  };

  Checklist.prototype.render = function () {
    var state = this.state;
    this.boxes.forEach(function (box) {
      var time = box.parentNode.querySelector("[data-lc-time]");
      box.checked = Object.prototype.hasOwnProperty.call(state, box.name);
      box.parentNode.classList.toggle("lc-checklist__item--done", box.checked);
      time.textContent = box.checked ? "Klar " + formatTime(state[box.name]) : "";
      if (box.checked) {
        box.setAttribute("aria-describedby", time.id);
      } else {
        box.removeAttribute("aria-describedby");
      }
    });
    this.phases.forEach(function (phase) {
      var boxes = phase.querySelectorAll("input[type=checkbox]");
      var done = phase.querySelectorAll("input[type=checkbox]:checked").length;
      var progress = phase.querySelector("[data-lc-progress]");
      progress.textContent = done + " av " + boxes.length + " klara";
      progress.hidden = false;
    });
  };

  window.lcModules.register(MODULE, function (root) {
    return new Checklist(root);
  });
})();
