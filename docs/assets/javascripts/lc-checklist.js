/* Checklist memory: ticks and their times are kept in localStorage, per site and role.
   The HTML works without this file; it only adds memory, progress, times and a reset button.
   Ticks older than a working shift are not shown as done until the user chooses to continue. */
(function () {
  "use strict";

  var MODULE = "lc-checklist";
  var SHIFT_MS = 12 * 60 * 60 * 1000;

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

  // Swedish style: "14.02", and "19 okt. 14.02" for another day.
  function clock(when) {
    return when.toLocaleTimeString("sv-SE", { hour: "2-digit", minute: "2-digit" }).replace(":", ".");
  }

  function day(when) {
    return when.toLocaleDateString("sv-SE", { day: "numeric", month: "short" });
  }

  function formatTime(iso) {
    var when = new Date(iso);
    if (when.toDateString() === new Date().toDateString()) {
      return clock(when);
    }
    return day(when) + " " + clock(when);
  }

  function newest(state) {
    return Object.keys(state).reduce(function (latest, id) {
      return Math.max(latest, Date.parse(state[id]));
    }, 0);
  }

  function Checklist(root) {
    this.root = root;
    this.key = root.getAttribute("data-lc-storage-key");
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));
    this.phases = Array.prototype.slice.call(root.querySelectorAll("[data-lc-phase]"));
    this.reset = root.querySelector("[data-lc-reset]");
    this.notice = root.querySelector("[data-lc-notice]");
    this.stale = root.querySelector("[data-lc-stale]");
    if (!this.key || !this.boxes.length || !this.reset || !this.notice || !this.stale) {
      throw new ChecklistError("lc-checklist: markup is missing a storage key, checkboxes, reset button, notice or question");
    }
    this.state = storage.read(this.key);
    this.pending = null;
    this.boxes.forEach(function (box) {
      box.addEventListener("change", this.onChange.bind(this, box));
    }, this);
    this.reset.addEventListener("click", this.onReset.bind(this));
    this.stale.querySelector("[data-lc-restart]").addEventListener("click", this.onRestart.bind(this));
    this.stale.querySelector("[data-lc-continue]").addEventListener("click", this.onContinue.bind(this));
    window.addEventListener("storage", this.onStorage.bind(this));
    this.reset.closest("[data-lc-toolbar]").hidden = false;
    this.askIfStale();
    if (!this.pending) {
      this.save();
    }
    this.render();
  }

  // Ticks from an earlier outage are kept aside, not shown as done, until the user answers.
  Checklist.prototype.askIfStale = function () {
    var latest = newest(this.state);
    if (!latest || Date.now() - latest <= SHIFT_MS) {
      return;
    }
    var when = new Date(latest);
    this.pending = this.state;
    this.state = {};
    this.stale.querySelector("[data-lc-stale-text]").textContent =
      "Bockarna är från " + day(when) + " kl. " + clock(when) + " – börja om?";
    this.stale.hidden = false;
  };

  Checklist.prototype.answered = function () {
    this.pending = null;
    this.stale.hidden = true;
  };

  Checklist.prototype.onRestart = function () {
    this.state = {};
    this.answered();
    this.save();
    this.render();
    this.boxes[0].focus();
  };

  Checklist.prototype.onContinue = function () {
    this.state = this.pending;
    this.answered();
    this.save();
    this.render();
    this.boxes[0].focus();
  };

  Checklist.prototype.onChange = function (box) {
    if (this.pending) {
      // Ticking a box while the old ticks wait means a new list: the old ones are dropped.
      this.answered();
    }
    if (box.checked) {
      this.state[box.getAttribute("data-lc-key")] = new Date().toISOString();
    } else {
      delete this.state[box.getAttribute("data-lc-key")];
    }
    this.save();
    this.render();
  };

  Checklist.prototype.onReset = function () {
    if (!window.confirm("Vill du rensa checklistan? Alla bockar och tider tas bort.")) {
      return;
    }
    this.state = {};
    this.answered();
    this.save();
    this.render();
    this.boxes[0].focus();
  };

  Checklist.prototype.onStorage = function (event) {
    if ((event.key === this.key || event.key === null) && !this.pending) {
      this.state = storage.read(this.key);
      this.render();
    }
  };

  Checklist.prototype.save = function () {
    var saved = storage.write(this.key, this.state);
    this.notice.textContent = saved
      ? "Bockarna sparas i den här webbläsaren, på den här enheten."
      : "Bockarna kan inte sparas i den här webbläsaren. Skriv ut listan om du behöver spara den.";
  };

  Checklist.prototype.render = function () {
    var state = this.state;
    this.boxes.forEach(function (box) {
      var time = box.parentNode.querySelector("[data-lc-time]");
      box.checked = Object.prototype.hasOwnProperty.call(state, box.getAttribute("data-lc-key"));
      box.parentNode.classList.toggle("lc-checklist__item--done", box.checked);
      time.textContent = box.checked ? "Klar " + formatTime(state[box.getAttribute("data-lc-key")]) : "";
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
      // A phase of steps for each patient and rules has no boxes, and no count.
      if (progress) {
        progress.textContent = done + " av " + boxes.length + " klara";
      }
    });
    this.markNext();
  };

  // After an interruption: the first step not ticked is marked, and a link in the first progress line goes to it.
  Checklist.prototype.markNext = function () {
    var link = this.root.querySelector("[data-lc-next-link]");
    var started = this.boxes.some(function (box) { return box.checked; });
    var next = started ? this.boxes.filter(function (box) { return !box.checked; })[0] : null;
    this.boxes.forEach(function (box) {
      var item = box.parentNode;
      var tag = item.querySelector("[data-lc-next-tag]");
      item.classList.toggle("lc-checklist__item--next", box === next);
      if (box === next && !tag) {
        tag = document.createElement("span");
        tag.className = "lc-checklist__next-tag";
        tag.setAttribute("data-lc-next-tag", "");
        tag.textContent = "Nästa steg";
        box.nextElementSibling.appendChild(tag);
      } else if (box !== next && tag) {
        tag.remove();
      }
    });
    if (link) {
      // Shown and hidden in place (visibility), so the line it stands on never changes.
      link.classList.toggle("lc-checklist__next-link--off", !next);
      if (next) {
        link.setAttribute("href", "#" + next.id);
      }
    }
  };

  window.lcModules.register(MODULE, function (root) {
    return new Checklist(root);
  });
})();
