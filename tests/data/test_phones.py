"""Phone numbers: however an editor writes one, the site shows the Swedish written form."""
import pytest

from lifecare_site import phones


@pytest.mark.parametrize("written", ["060-16 31 00", "060163100", "+46 60 16 31 00", "060 - 16 31 00"])
def test_any_way_of_writing_a_number_gives_the_swedish_form_and_a_tel_link(written):
    assert phones.parse(written) == ("060-16 31 00", "tel:+4660163100")


def test_numbers_of_the_routine_keep_their_written_form():
    assert phones.parse("0611-800 00")[0] == "0611-800 00"
    assert phones.parse("0690-25 01 00")[0] == "0690-25 01 00"
    assert phones.parse("0620- 68 20 00") == ("0620-68 20 00", "tel:+46620682000")


def test_short_numbers_are_linked_as_they_are():
    assert phones.parse("1177") == ("1177", "tel:1177")


@pytest.mark.parametrize("bad", ["060-16 31 00 99", "12", "telefon", "+1 202 555 0100"])
def test_invalid_or_foreign_numbers_are_refused(bad):
    with pytest.raises(phones.PhoneError):
        phones.parse(bad)
