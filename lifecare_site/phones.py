"""Swedish phone numbers: validate, write in the Swedish style, and link as tel:."""
import phonenumbers
from phonenumbers import PhoneNumberFormat


class PhoneError(ValueError):
    pass


def parse(raw: str):
    """Return (display, tel_href) for a Swedish number, or raise PhoneError."""
    try:
        number = phonenumbers.parse(raw, "SE")
    except phonenumbers.NumberParseException:
        raise PhoneError(raw) from None
    if phonenumbers.is_valid_number(number) and number.country_code == 46:
        display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        return display, "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164)
    # Short numbers (112, 1177) are not "valid numbers" to the library; they are written as they are.
    digits = phonenumbers.normalize_digits_only(raw)
    if digits and not raw.strip().startswith("+") and phonenumbers.is_valid_short_number(phonenumbers.parse(digits, "SE")):
        return digits, "tel:" + digits
    raise PhoneError(raw)


def find_numbers(text: str):
    """Every valid Swedish phone number written anywhere in `text`."""
    return [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID)]
