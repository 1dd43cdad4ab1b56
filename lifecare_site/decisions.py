"""The decision tables, derived from data so that no rule is written twice."""
from . import model

# The helper's two questions about a patient, asked on screen and on each patient's blankett.
QUESTIONS = [("admitted", "Skrevs patienten in under driftstoppet?"), ("discharged", "Skrevs patienten ut under driftstoppet?")]


def case_key(admitted, discharged):
    """The key of one case (admitted × discharged), "10" for admitted only: the one place it is made."""
    return f"{int(admitted)}{int(discharged)}"


def _yes_no(value):
    return "Ja" if value else "Nej"


def _patient_label(admitted, discharged):
    if admitted and discharged:
        return "Patient som skrevs både in och ut under driftstoppet"
    if admitted:
        return "Patient som skrevs in men inte ut under driftstoppet"
    if discharged:
        return "Patient som skrevs ut men inte in under driftstoppet"
    return "Patient som varken skrevs in eller ut under driftstoppet"


def patient_rules(data):
    """Every combination of admitted × discharged, with the routine's rule for it."""
    rules = {(item["when"]["admitted"], item["when"]["discharged"]): item
             for item in data.checklists["shared_items"] if "when" in item}
    combos = [(True, False), (False, True), (True, True), (False, False)]
    return [
        {
            "admitted": admitted,
            "discharged": discharged,
            "label": _patient_label(admitted, discharged),
            "text": rules[(admitted, discharged)]["text"] if (admitted, discharged) in rules
            else data.decisions["not_covered"]["text"],
            # Whether such a patient is registered afterwards: the rule's own "register" (data/checklists.yml).
            "register": (admitted, discharged) in rules and rules[(admitted, discharged)]["when"].get("register", True),
            "covered": (admitted, discharged) in rules,
        }
        for admitted, discharged in combos
    ]


def afterwards(data, role):
    """(what the role does in Lifecare SP afterwards, what it must not register)."""
    items = [item for item in role["phase_index"][model.AFTER_PHASE]["resolved_items"] if "when" not in item]
    return ([i for i in items if not i.get("not_registered")], [i for i in items if i.get("not_registered")])


def tasks_for(items, admitted, discharged, register):
    """The tasks that fit one patient: an item with a "case" fits a patient admitted or discharged
    during the outage ("registered": either), and none fits a patient the rules do not register."""
    if not register:
        return []
    fits = {"admitted": admitted, "discharged": discharged, "registered": admitted or discharged}
    return [i for i in items if fits.get(i.get("case"), False)]


def patient_cases(data, role):
    """The four cases with the routine's rule and what `role` registers for such a patient (the patient blankett)."""
    do = afterwards(data, role)[0]
    return [dict(rule, tasks=tasks_for(do, rule["admitted"], rule["discharged"], rule["register"])) for rule in patient_rules(data)]


def tables(data):
    """All decision tables as {id: {caption, columns, rows: [{header, cells}]}}; a cell is a list of items."""
    roles = data.checklists["roles"]
    titles = {role["id"]: role["title"] for role in roles}
    transferred = data.decisions["transferred_by"]
    return {
        "patienter": {
            "caption": "Vilka patienter ska registreras i Lifecare SP i efterhand?",
            "columns": ["Patienten", "Inskriven under driftstoppet", "Utskriven under driftstoppet", "Vad gäller"],
            "rows": [
                {"header": rule["label"], "key": case_key(rule["admitted"], rule["discharged"]),
                 "cells": [[{"text": _yes_no(rule["admitted"])}], [{"text": _yes_no(rule["discharged"])}], [{"text": rule["text"]}]]}
                for rule in patient_rules(data)
            ],
        },
        "registrering": {
            "caption": "Vad varje roll gör i Lifecare SP i efterhand – och vad som inte ska efterregistreras",
            "columns": ["Roll", "Gör i efterhand", "Ska inte efterregistreras"],
            "rows": [
                {"header": role["title"], "key": role["id"], "cells": list(afterwards(data, role))}
                for role in roles
            ],
        },
        "avbrott": {
            "caption": "Korta och längre avbrott",
            "columns": ["Avbrott", "Längd", "Vad det innebär"],
            "rows": [
                {"header": row["title"], "key": row["id"], "cells": [[{"text": row["duration"]}], [{"text": row["consequence"]}]]}
                for row in data.decisions["outage_lengths"]
            ],
        },
        "kontakter": {
            "caption": "Vem kontaktar vem under driftstoppet, och hur",
            "note": data.decisions["communication_note"]["text"],
            "columns": ["Vem kontaktar vem", "Hur och vad"],
            "rows": [
                {"header": f'{titles[link["from"]]} → {titles[link["to"]]}', "key": f'{link["from"]}-{link["to"]}',
                 "cells": [[data.item_index[ident] for ident in link["items"]]]}
                for link in data.decisions["communication"]
            ] + [
                {"header": f'{titles[transferred["role"]]}: för över muntligt till berörda parter', "key": "overfor",
                 "cells": [data.role_index[transferred["role"]]["phase_index"][transferred["phase"]]["resolved_items"]]},
            ],
        },
    }


def helper_rules(data):
    """What the "Ska patienten efterregistreras?" helper needs, to be embedded as JSON.

    Every answer is worked out here, from the items' data; the script only looks it up."""
    roles = []
    for role in data.checklists["roles"]:
        do, do_not = afterwards(data, role)
        roles.append({
            "id": role["id"], "title": role["title"],
            "cases": {case_key(r["admitted"], r["discharged"]): [i["text"] for i in tasks_for(do, r["admitted"], r["discharged"], r["register"])]
                      for r in patient_rules(data)},
            "always": [i["text"] for i in do if "case" not in i],
            "doNot": [i["text"] for i in do_not],
        })
    return {
        "patients": {case_key(r["admitted"], r["discharged"]): {"text": r["text"], "register": r["register"],
                                                                     "covered": r["covered"], "label": r["label"]}
                     for r in patient_rules(data)},
        "roles": roles,
        # The answers (the radio buttons' values) to the key of the case they make: looked up, not built, in the script.
        "keys": {a: {d: case_key(a == "ja", d == "ja") for d in ("ja", "nej")} for a in ("ja", "nej")},
    }
