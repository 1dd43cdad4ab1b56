"""The rules for registering afterwards have one home, data/checklists.yml: the tables, the helper and the
blanketter read them from there."""
import copy
from pathlib import Path

from lifecare_site import decisions, model
from tests.conftest import ROOT


def test_who_is_registered_comes_from_the_rule_not_from_the_code():
    data = model.load_all(ROOT / "data", ROOT / "docs")
    cases = {(r["admitted"], r["discharged"]): r for r in decisions.patient_rules(data)}
    assert cases[(True, True)]["register"] is False and cases[(True, False)]["register"] is True
    # Were the routine to register such patients after all, the rule alone would say so.
    changed = copy.deepcopy(data)
    both = next(i for i in changed.checklists["shared_items"] if i.get("when", {}).get("discharged") and i["when"]["admitted"])
    both["when"]["register"] = True
    cases = {(r["admitted"], r["discharged"]): r for r in decisions.patient_rules(changed)}
    assert cases[(True, True)]["register"] is True
    helper = decisions.helper_rules(changed)
    assert helper["patients"]["11"]["register"] is True
    assert helper["keys"] == {"ja": {"ja": "11", "nej": "10"}, "nej": {"ja": "01", "nej": "00"}}


def test_the_script_looks_the_case_up_and_builds_no_key():
    script = (ROOT / "docs" / "assets" / "javascripts" / "lc-registration-helper.js").read_text(encoding="utf-8")
    assert "this.rules.keys[admitted][discharged]" in script
    assert '"1" : "0"' not in script
    assert Path(decisions.__file__).read_text(encoding="utf-8").count('f"{int(') == 1
