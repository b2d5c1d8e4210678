"""Phone numbers: checked with phonenumbers, linked in E.164, shown the Swedish way."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from . import messages

REGION = "SE"  # numbers written without a country code are Swedish

# phonenumbers knows "ext.", "x" and ";ext=" but not the Swedish "ankn."
# (anknytning), so "08-709 59 81 ankn. 123" would be read as one long number.
_SWEDISH_EXTENSION = re.compile(
    r"[\s,]*\b(?:anknytning|ankn|anknr)\b\.?:?\s*(\d{1,7})\s*$", re.IGNORECASE
)

# Non-geographic Swedish ranges where phonenumbers' national format splits
# the prefix wrongly (077-112 34 56 for 0771-123 456, 020-012 34 56 for
# 0200-123 456) or groups oddly (0900-12 34 567). The value is the length of
# the prefix after the leading 0, matched against the national number.
_SERVICE_PREFIXES = (
    (re.compile(r"77[0-7]\d{6}"), 3),  # 0770-0777: shared cost
    (re.compile(r"200\d{6}"), 3),  # 0200: freephone
    (re.compile(r"20\d{6}"), 2),  # 020: freephone
    (re.compile(r"9(?:00|39|44)\d{6,7}"), 3),  # 0900, 0939, 0944: premium rate
)


class PhoneError(ValueError):
    """A phone number that cannot be used; the text is the writer's message."""


@dataclass(frozen=True)
class Phone:
    """One phone number in the forms the site writes it."""

    e164: str  # +4687095981 (E.164 has no extension)
    extension: str | None  # 123, or None
    display: str  # 08-709 59 81, 08-709 59 81 ankn. 123, +47 22 12 34 56
    international: str  # +46 8 709 59 81, for vCards
    is_mobile: bool

    @property
    def label(self) -> str:
        return "Mobil" if self.is_mobile else "Telefon"

    @property
    def tel_uri(self) -> str:
        """RFC 3966: tel:+4687095981, with ;ext=123 for an extension."""
        return f"tel:{self.e164}" + (f";ext={self.extension}" if self.extension else "")


def parse_phone(raw: str) -> Phone:
    """Read a number as a writer types it; raise PhoneError saying what is wrong."""
    number = _parse(raw)
    return Phone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        extension=number.extension or None,
        display=display_form(number),
        international=international_form(number),
        is_mobile=phonenumbers.number_type(number) == PhoneNumberType.MOBILE,
    )


def to_e164(raw: str) -> str:
    """'08-709 59 81' -> '+4687095981'."""
    return parse_phone(raw).e164


def display_form(number: phonenumbers.PhoneNumber) -> str:
    """Swedish numbers as Swedes write them (08-709 59 81), others internationally."""
    if number.country_code != phonenumbers.country_code_for_region(REGION):
        text = phonenumbers.format_number(
            _without_extension(number), PhoneNumberFormat.INTERNATIONAL
        )
    else:
        national = phonenumbers.national_significant_number(number)
        text = _service_form(national) or phonenumbers.format_number(
            _without_extension(number), PhoneNumberFormat.NATIONAL
        )
    return text + (f" ankn. {number.extension}" if number.extension else "")


def international_form(number: phonenumbers.PhoneNumber) -> str:
    """+46 8 709 59 81: Swedish numbers grouped as in display_form, for vCards."""
    if number.country_code != phonenumbers.country_code_for_region(REGION):
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = display_form(_without_extension(number))
    text = f"+{number.country_code} " + national.removeprefix("0").replace("-", " ", 1)
    return text + (f" ext. {number.extension}" if number.extension else "")


def _service_form(national: str) -> str | None:
    for pattern, prefix_length in _SERVICE_PREFIXES:
        if pattern.fullmatch(national):
            prefix, rest = national[:prefix_length], national[prefix_length:]
            return f"0{prefix}-{_group_subscriber(rest)}"
    return None


def _group_subscriber(digits: str) -> str:
    """Six digits as 123 456 (how service numbers are advertised), seven as 123 45 67."""
    if len(digits) == 6:
        return f"{digits[:3]} {digits[3:]}"
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def _without_extension(number: phonenumbers.PhoneNumber) -> phonenumbers.PhoneNumber:
    copy = phonenumbers.PhoneNumber()
    copy.merge_from(number)
    copy.extension = None
    return copy


def _parse(raw: str) -> phonenumbers.PhoneNumber:
    text = _SWEDISH_EXTENSION.sub(r";ext=\1", raw.strip())
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException as err:
        if err.error_type == NumberParseException.INVALID_COUNTRY_CODE and text.startswith("+"):
            code = re.match(r"\+\s*(\d{1,3})", text)
            shown = f"+{code.group(1)} " if code else ""
            raise PhoneError(
                messages.text(
                    "phone.bad_country_code",
                    value=raw.strip(),
                    code=shown,
                    how=messages.text("phone.how_to_write"),
                )
            ) from err
        raise PhoneError(_general_message(raw)) from err
    if phonenumbers.is_valid_number(number):
        return number
    if not phonenumbers.is_possible_number(number):  # too few or too many digits
        raise PhoneError(_general_message(raw))
    if number.country_code == phonenumbers.country_code_for_region(REGION):
        raise PhoneError(messages.text("phone.no_such_swedish_number", value=raw.strip()))
    raise PhoneError(
        messages.text("phone.no_such_number", value=raw.strip(), code=number.country_code)
    )


def _general_message(raw: str) -> str:
    return messages.text(
        "phone.invalid", value=raw.strip(), how=messages.text("phone.how_to_write")
    )
