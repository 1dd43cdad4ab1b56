/* Checklist memory: ticks and their times are kept in localStorage, per site and role.
   The HTML works without this file; it only adds memory, progress, times and a reset button.
   Ticks older than a working shift are not shown as done until the user chooses to continue. */
(function () {
  "use strict";

  var MODULE = "lc-checklist";
  var SHIFT_MS = 12 * 60 * 60 * 1000;
  // A tick later than the clock by more than this was set (or is read) on a clock that is wrong.
  var AHEAD_MS = 10 * 60 * 1000;

  function ChecklistError(message) {
    this.name = "ChecklistError";
    this.message = message;
  }
  ChecklistError.prototype = Object.create(Error.prototype);

  // Storage that fails (blocked, full, private mode) means "nothing saved", never a broken page.
  var storage = {
    // The ticks stored under `key`, and how many stored values could not be read as ticks (dropped).
    read: function (key) {
      var clean = {};
      var raw = null;
      try {
        raw = window.localStorage.getItem(key);
      } catch (error) {
        return { state: clean, unreadable: 0 };
      }
      var parsed;
      try {
        parsed = JSON.parse(raw || "{}");
      } catch (error) {
        return { state: clean, unreadable: 1 };
      }
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        return { state: clean, unreadable: 1 };
      }
      var unreadable = 0;
      Object.keys(parsed).forEach(function (id) {
        if (typeof parsed[id] === "string" && !isNaN(Date.parse(parsed[id]))) {
          clean[id] = parsed[id];
        } else {
          unreadable += 1;
        }
      });
      return { state: clean, unreadable: unreadable };
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

  function year(when) {
    return when.getFullYear() !== new Date().getFullYear() ? " " + when.getFullYear() : "";
  }

  // "19 okt. kl. 14.02", with the year when it is another year: "1 dec. 2025 kl. 10.00".
  function moment(when) {
    return day(when) + year(when) + " kl. " + clock(when);
  }

  // "14.02" today, "19 okt. 14.02" another day, "1 dec. 2025 14.02" another year.
  function formatTime(iso) {
    var when = new Date(iso);
    if (when.toDateString() === new Date().toDateString()) {
      return clock(when);
    }
    return day(when) + year(when) + " " + clock(when);
  }

  function times(state) {
    return Object.keys(state).map(function (id) { return Date.parse(state[id]); });
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
    var stored = storage.read(this.key);
    this.state = stored.state;
    this.unreadable = stored.unreadable;
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

  // Ticks from an earlier outage (all of them, or some beside this shift's), or with a time that has not yet come (a
  // wrong clock), are kept aside, not shown as done, until the user answers.
  Checklist.prototype.askIfStale = function () {
    var all = times(this.state);
    if (!all.length) {
      return;
    }
    var now = Date.now();
    var latest = Math.max.apply(null, all);
    var oldest = Math.min.apply(null, all);
    var text;
    if (latest - now > AHEAD_MS) {
      text = "Bockarna har en tid som inte har kommit än (" + moment(new Date(latest)) +
        "): klockan i datorn är eller var fel – börja om?";
    } else if (now - latest > SHIFT_MS) {
      text = "Bockarna är från " + moment(new Date(latest)) + " – börja om?";
    } else if (now - oldest > SHIFT_MS) {
      text = "Några av bockarna är från " + moment(new Date(oldest)) + ", före det här passet – börja om?";
    } else {
      return;
    }
    this.pending = this.state;
    this.state = {};
    this.stale.querySelector("[data-lc-stale-text]").textContent = text;
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
      this.state = storage.read(this.key).state;
      this.render();
    }
  };

  Checklist.prototype.save = function () {
    var saved = storage.write(this.key, this.state);
    // What was stored but could not be read as ticks is said once, when it is dropped.
    var dropped = this.unreadable ? (this.unreadable === 1 ? "En sparad bock" : this.unreadable + " sparade bockar") +
      " gick inte att läsa och har tagits bort. " : "";
    this.unreadable = 0;
    this.notice.textContent = dropped + (saved
      ? "Bockarna sparas i den här webbläsaren, på den här enheten."
      : "Bockarna kan inte sparas i den här webbläsaren. Skriv ut listan om du behöver spara den.");
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
