"""Swedish phone numbers: validate, write in the Swedish style, and link as tel:.

The digits the editor wrote are the digits shown and dialled. The number library reads letters as
keypad letters ("0O" becomes "06"), so every character is checked here before it sees the number."""
import functools
import re

import phonenumbers
from phonenumbers import PhoneNumberFormat

_ALLOWED = re.compile(r"[0-9 ()+\-]")
_HINT = "Skriv bara siffror, mellanslag, bindestreck, parenteser och ett plustecken först."


class PhoneError(ValueError):
    """A number that cannot be published; the message is Swedish and says why."""


def _check_characters(raw: str):
    for position, char in enumerate(raw, start=1):
        if not _ALLOWED.fullmatch(char):
            shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
            kind = "bokstaven" if char.isalpha() else "tecknet"
            dash = " Skriv ett vanligt bindestreck (-) i stället för tankstreck." if char in "‐‑‒–—―−" else ""
            raise PhoneError(f'telefonnumret "{raw}" innehåller {kind} "{shown}" (tecken nr {position}). {_HINT}{dash}')
    if "+" in raw.strip()[1:]:
        raise PhoneError(f'telefonnumret "{raw}" har ett plustecken som inte står först. {_HINT}')


def _written_national_digits(raw: str) -> str:
    """The national digits as written: without the country code 46 or the trunk 0, e.g. "60163100"."""
    digits = re.sub(r"\D", "", raw)
    if raw.strip().startswith("+"):
        digits = digits[2:] if digits.startswith("46") else digits
    return digits[1:] if digits.startswith("0") else digits


def _valid_short(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_short_number(phonenumbers.parse(digits, "SE"))
    except phonenumbers.NumberParseException:
        return False


@functools.lru_cache(maxsize=8192)
def parse(raw: str, short: bool = False):
    """Return (display, tel_href) for a Swedish number, or raise PhoneError.

    `short` allows a short number such as 112 or 1177, written as it is."""
    _check_characters(raw)
    digits = re.sub(r"\D", "", raw)
    if len(digits) > 15:
        raise PhoneError(f'telefonnumret "{raw}" har {len(digits)} siffror; ett telefonnummer har högst 15. Kontrollera numret.')
    if short:
        if raw.strip().startswith("+") or not digits or not _valid_short(digits):
            raise PhoneError(f'telefonnumret "{raw}" är inte ett giltigt svenskt kortnummer (som 112 eller 1177)')
        return digits, "tel:" + digits
    try:
        number = phonenumbers.parse(raw, "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 46 or not phonenumbers.is_valid_number(number):
        hint = ""
        if digits and _valid_short(digits):
            hint = ' Är det ett kortnummer, skriv "short_number: true" på posten.'
        raise PhoneError(f'telefonnumret "{raw}" är inte ett giltigt svenskt nummer.{hint}')
    if str(number.national_number) != _written_national_digits(raw):
        raise PhoneError(f'telefonnumret "{raw}" skulle visas med andra siffror än de du skrivit. Kontrollera numret.')
    display = _swedish_display(str(number.national_number)) or phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return display, "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164)


# Non-geographic numbers whose prefix has four digits (PTS's number plan): the library splits them as if
# the prefix were 077- or 020-. Svenska skrivregler: the prefix, a hyphen, then the subscriber's digits in
# groups from the right, two and two, with a group of three first when the count is odd (8 digits: 3+3+2).
_FOUR_DIGIT_PREFIXES = ("771", "200", "900", "939", "944")


def _group(digits: str) -> str:
    if len(digits) == 8:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    head = 3 if len(digits) % 2 else 2
    groups = [digits[:head]] + [digits[i:i + 2] for i in range(head, len(digits), 2)]
    return " ".join(groups)


def _swedish_display(national: str):
    """The number written the Swedish way, for the prefixes the library groups wrongly; else None."""
    for prefix in _FOUR_DIGIT_PREFIXES:
        if national.startswith(prefix) and len(national) - len(prefix) >= 5:
            return f"0{prefix}-{_group(national[len(prefix):])}"
    return None


def find_numbers(text: str):
    """Every valid Swedish phone number written anywhere in `text`."""
    return [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID)]


# Something written like a Swedish number, valid or not (a letter O for a zero included): 0 or +46 and at
# least seven digits in all, with spaces, hyphens and parentheses between (a few of them: "060  -  16 31 99").
_LOOKS_LIKE = re.compile(r"(?<![\w+/.])(?:\+\s?46|0)[\dOo](?:[\s\-()]{0,5}[\dOo]){5,}(?![\w/])")


# A local number, written without its area code the way Swedes write one: "16 32 00", "163 20 00", "19-10-00"
# (digits in groups of two after a first group of one to three, three or four groups in all). Nothing else on
# the site is written so: dates are ISO (2026-12-01), sums and counts are grouped in threes.
_LOCAL = re.compile(r"(?<![\w+\-/.,:])\d{1,3}(?:[ \-]\d\d){2,3}(?![\w\-/.,:]?\d)")


# The short numbers Swedes write in running text (SOS Alarm, 1177 Vårdguiden, the police, Giftinformation):
# a number wherever it stands. Other short numbers and numbers without an area code in fewer groups ("800 00",
# "80000") are numbers only where the words say so: "ring 800 00", "internt 80000", "tel. 163200".
_WELL_KNOWN_SHORT = re.compile(r"(?<![\w+\-/.,:])(?:112|1177|90000|114\s?14|113\s?13)(?![\w\-/,:]?\d)"
                               r"(?!\s?(?:kB|KB|KiB|MB|kr|st\b|%|sidor|procent|dagar|timmar|minuter))")
# Words after which a figure is a page, a count or a size, not a number to call.
_NOT_A_NUMBER_BEFORE = re.compile(r"(?i)(?:sida|sidan|sidorna|s\.|kapitel|punkt|version|paragraf|§)\s*$")
_SAID_TO_BE_A_NUMBER = re.compile(
    r"(?i)\b(?:ring(?:er|a|de|s)?|tel(?:efon|efonnummer|efonnumret|\.)?|tfn|nummer|numret|nr\.?|larma|sms(?:a)?|växel|växeln|"
    r"internt?|anknytning|ankn\.?|direkt(?:nummer|numret)?|kortnummer|kortnumret)"
    r"[\s:.]*(?:på\s+|till\s+|nummer\s+)?(\d(?:[\d .\-]{0,12}\d)?)(?![\w\-/,:]?\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def numbers_in_text(text: str, local: bool = True):
    """Every phone number, or what an editor meant as one, written in running text (and, with `local`, one
    written without its area code: for text a reader reads, not a script's or a style sheet's numbers)."""
    found = find_numbers(text)
    for match in _LOOKS_LIKE.finditer(text):
        written = match.group(0).strip()
        if sum(c.isdigit() or c in "Oo" for c in written) >= 7 and not any(written in f or f in written for f in found):
            found.append(written)
    for match in _LOCAL.finditer(text) if local else ():
        written = match.group(0)
        if not any(written in f for f in found):
            found.append(written)
    if local:
        for match in _WELL_KNOWN_SHORT.finditer(text):
            if _NOT_A_NUMBER_BEFORE.search(text[max(match.start() - 12, 0):match.start()]):
                continue
            if not any(match.group(0) in f for f in found):
                found.append(match.group(0))
        for match in _SAID_TO_BE_A_NUMBER.finditer(text):
            written = match.group(1).strip(" .-")
            digits = re.sub(r"\D", "", written)
            if len(digits) >= 3 and not _ISO_DATE.match(written) and not any(written in f or f in written for f in found):
                found.append(written)
    return found

