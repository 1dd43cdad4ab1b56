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

  function list(heading, texts) {
    var fragment = document.createDocumentFragment();
    var items = element("ul");
    fragment.appendChild(element("p", heading));
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
    root.hidden = false;
  }

  Helper.prototype.choice = function (name) {
    var checked = this.root.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  };

  Helper.prototype.update = function () {
    var roleId = this.choice("lc-helper-roll");
    var admitted = this.choice("lc-helper-admitted");
    var discharged = this.choice("lc-helper-discharged");
    if (!roleId || !admitted || !discharged) {
      return;
    }
    var role = this.rules.roles.filter(function (r) { return r.id === roleId; })[0];
    var rule = this.rules.patients.filter(function (r) {
      return r.admitted === (admitted === "ja") && r.discharged === (discharged === "ja");
    })[0];
    var answer = document.createDocumentFragment();
    var verdict = element("p");
    verdict.appendChild(element("strong", rule.text));
    verdict.setAttribute("data-lc-verdict", "");
    answer.appendChild(verdict);
    if (rule.register) {
      answer.appendChild(list(role.title + " gör i Lifecare SP:", role.do));
      if (role.doNot.length) {
        answer.appendChild(list("Ska inte efterregistreras:", role.doNot));
      }
    }
    this.answer.replaceChildren(answer);
  };

  window.lcModules.register(MODULE, function (root) {
    return new Helper(root);
  });
})();
