"""Phone numbers: the digits the editor wrote are the digits shown and dialled, in the Swedish written form."""
import pytest

from lifecare_site import phones


@pytest.mark.parametrize("written", ["060-16 31 00", "060163100", "+46 60 16 31 00", "060 - 16 31 00", "+46 (0)60 16 31 00"])
def test_any_way_of_writing_a_number_gives_the_swedish_form_and_a_tel_link(written):
    assert phones.parse(written) == ("060-16 31 00", "tel:+4660163100")


def test_numbers_of_the_routine_keep_their_written_form():
    assert phones.parse("0611-800 00")[0] == "0611-800 00"
    assert phones.parse("0690-25 01 00")[0] == "0690-25 01 00"
    assert phones.parse("0620- 68 20 00") == ("0620-68 20 00", "tel:+46620682000")


def test_short_numbers_are_linked_as_they_are_where_the_entry_says_so():
    assert phones.parse("1177", short=True) == ("1177", "tel:1177")
    assert phones.parse("112", short=True) == ("112", "tel:112")


def test_a_short_number_without_the_entry_saying_so_is_refused_with_a_hint():
    with pytest.raises(phones.PhoneError, match='short_number: true'):
        phones.parse("1177")


@pytest.mark.parametrize("written,char", [
    ("060-16 31 0O", 'bokstaven "O" (tecken nr 12)'),
    ("060-l6 31 00", 'bokstaven "l" (tecken nr 5)'),
    ("06O-16 31 00", 'bokstaven "O" (tecken nr 3)'),
    ("060-16 31 00.", 'tecknet "." (tecken nr 13)'),
    ("060–16 31 00", 'tecknet "–" (tecken nr 4)'),
    ("060/16 31 00", 'tecknet "/" (tecken nr 4)'),
    ("060-16\u00a031 00", 'tecknet "U+00A0" (tecken nr 7)'),
])
def test_a_letter_or_other_character_is_refused_and_quoted(written, char):
    with pytest.raises(phones.PhoneError) as error:
        phones.parse(written)
    assert char in str(error.value)


def test_a_letter_is_never_read_as_a_keypad_digit():
    # The library alone would turn "0O" into a valid, different number.
    import phonenumbers
    assert phonenumbers.is_valid_number(phonenumbers.parse("060-16 31 0O", "SE"))
    with pytest.raises(phones.PhoneError):
        phones.parse("060-16 31 0O")


@pytest.mark.parametrize("bad", ["060-16 31 00 99", "12", "+1 202 555 0100", "06+0 16 31 00", "", "+"])
def test_invalid_or_foreign_numbers_are_refused(bad):
    with pytest.raises(phones.PhoneError):
        phones.parse(bad)


@pytest.mark.parametrize("written,shown", [
    ("0771-11 77 00", "0771-11 77 00"), ("0771117700", "0771-11 77 00"), ("+46 771 11 77 00", "0771-11 77 00"),
    ("0200-12 34 56", "0200-12 34 56"), ("0900-123 45 67", "0900-123 45 67"),
    # Geographic numbers keep the library's (correct) grouping.
    ("020-12 34 56", "020-12 34 56"), ("08-123 456 78", "08-123 456 78"), ("0611-34 80 00", "0611-34 80 00"),
])
def test_four_digit_prefixes_are_written_as_swedes_write_them(written, shown):
    # Svenska skrivregler: prefix, hyphen, then the digits in pairs from the right (a three first if odd).
    display, href = phones.parse(written)
    assert display == shown
    assert href == "tel:+46" + shown.replace("-", "").replace(" ", "")[1:]
