/* "Ska patienten efterregistreras?": answers from the rules embedded at build time.
   No rule lives here; without JavaScript the helper stays hidden and the tables answer. */
(function () {
  "use strict";

  var MODULE = "lc-registration-helper";

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function list(heading, texts, name) {
    var fragment = document.createDocumentFragment();
    var items = element("ul");
    items.setAttribute("data-lc-tasks", name);
    fragment.appendChild(element("h3", heading));
    texts.forEach(function (text) {
      items.appendChild(element("li", text));
    });
    fragment.appendChild(items);
    return fragment;
  }

  function Helper(root) {
    var source = root.querySelector("[data-lc-rules]");
    this.answer = root.querySelector("[data-lc-answer]");
    if (!source || !this.answer) {
      throw new Error(MODULE + ": markup is missing the rules or the answer area");
    }
    this.rules = JSON.parse(source.textContent);
    this.root = root;
    root.addEventListener("change", this.update.bind(this));
    var restart = root.querySelector("[data-lc-new-patient]");
    if (restart) {
      restart.addEventListener("click", this.newPatient.bind(this));
    }
    root.hidden = false;
    // A browser may restore earlier choices on reload; answer for them at once.
    this.update();
  }

  // The next patient: the answers about the patient are cleared, the role stays. Nothing is stored.
  Helper.prototype.newPatient = function () {
    this.root.querySelectorAll('input[name="lc-registration-helper-admitted"], input[name="lc-registration-helper-discharged"]').forEach(function (input) {
      input.checked = false;
    });
    this.answer.replaceChildren(element("p", "Svara på frågorna, så visas svaret här."));
    var first = this.root.querySelector('input[name="lc-registration-helper-admitted"]');
    if (first) {
      first.focus();
    }
  };

  Helper.prototype.choice = function (name) {
    var checked = this.root.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  };

  Helper.prototype.update = function () {
    var roleId = this.choice("lc-registration-helper-roll");
    var admitted = this.choice("lc-registration-helper-admitted");
    var discharged = this.choice("lc-registration-helper-discharged");
    if (!roleId || !admitted || !discharged) {
      return;
    }
    var role = this.rules.roles.filter(function (r) { return r.id === roleId; })[0];
    var key = this.rules.keys[admitted][discharged];
    var rule = this.rules.patients[key];
    var tasks = role.cases[key];
    var answer = document.createDocumentFragment();
    var verdict = element("p");
    verdict.setAttribute("data-lc-verdict", "");
    // The case it answers stands next to its verdict; where the routine is silent, its text says so, without a verdict.
    verdict.appendChild(element("strong", rule.label + ":" + (rule.covered ? (rule.register ? " Ja." : " Nej.") : "")));
    verdict.appendChild(document.createTextNode(" " + rule.text));
    answer.appendChild(verdict);
    if (tasks.length) {
      answer.appendChild(list("Gör det här för patienten", tasks, "case"));
    }
    answer.appendChild(list("Gör alltid, oavsett patient", role.always, "always"));
    if (role.doNot.length) {
      answer.appendChild(list("Ska inte efterregistreras", role.doNot, "not"));
    }
    this.answer.replaceChildren(answer);
    // On a phone the answer can start below the screen: bring it into view without taking focus.
    if (this.answer.getBoundingClientRect().top > window.innerHeight - 80) {
      this.answer.scrollIntoView({ block: "start", behavior: "auto" });
    }
  };

  window.lcModules.register(MODULE, function (root) {
    return new Helper(root);
  });
})();
