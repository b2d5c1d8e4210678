"""Phone numbers: E.164 for links, the Swedish display form, and the writer's messages."""

from __future__ import annotations

import phonenumbers
import pytest
from eduweb.messages import CATALOGUE
from eduweb.phones import PhoneError, parse_phone, to_e164

HOW_TO_WRITE = CATALOGUE["phone.how_to_write"].en

# (as written, E.164, display form, international form, label)
NUMBERS = [
    # landlines
    ("08-709 59 81", "+4687095981", "08-709 59 81", "+46 8 709 59 81", "Telefon"),
    ("08-123 456 78", "+46812345678", "08-123 456 78", "+46 8 123 456 78", "Telefon"),
    ("031-123 45 67", "+46311234567", "031-123 45 67", "+46 31 123 45 67", "Telefon"),
    ("013-12 34 56", "+4613123456", "013-12 34 56", "+46 13 12 34 56", "Telefon"),
    ("0910-123 45", "+4691012345", "0910-123 45", "+46 910 123 45", "Telefon"),
    # mobiles
    ("070-527 59 81", "+46705275981", "070-527 59 81", "+46 70 527 59 81", "Mobil"),
    ("073-819 08 63", "+46738190863", "073-819 08 63", "+46 73 819 08 63", "Mobil"),
    ("0705275981", "+46705275981", "070-527 59 81", "+46 70 527 59 81", "Mobil"),
    # written with a country code, shown the Swedish way
    ("+46 8 709 59 81", "+4687095981", "08-709 59 81", "+46 8 709 59 81", "Telefon"),
    ("0046 70 527 59 81", "+46705275981", "070-527 59 81", "+46 70 527 59 81", "Mobil"),
    ("+46 (0)8-709 59 81", "+4687095981", "08-709 59 81", "+46 8 709 59 81", "Telefon"),
    # service numbers: phonenumbers alone gives 077-112 34 56, 020-012 34 56, 0900-12 34 567
    ("0771-123 456", "+46771123456", "0771-123 456", "+46 771 123 456", "Telefon"),
    ("0771-12 34 56", "+46771123456", "0771-123 456", "+46 771 123 456", "Telefon"),
    ("+46 771 567 567", "+46771567567", "0771-567 567", "+46 771 567 567", "Telefon"),
    ("020-12 34 56", "+4620123456", "020-123 456", "+46 20 123 456", "Telefon"),
    ("0200-123 456", "+46200123456", "0200-123 456", "+46 200 123 456", "Telefon"),
    ("0900-123 45 67", "+469001234567", "0900-123 45 67", "+46 900 123 45 67", "Telefon"),
    ("0939-123 456", "+46939123456", "0939-123 456", "+46 939 123 456", "Telefon"),
    ("010-123 45 67", "+46101234567", "010-123 45 67", "+46 10 123 45 67", "Telefon"),
    # foreign numbers are shown internationally
    ("+47 22 12 34 56", "+4722123456", "+47 22 12 34 56", "+47 22 12 34 56", "Telefon"),
    ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958", "+44 20 7946 0958", "Telefon"),
]


@pytest.mark.parametrize(("raw", "e164", "display", "international", "label"), NUMBERS)
def test_e164_display_and_international_forms(raw, e164, display, international, label):
    phone = parse_phone(raw)
    assert (phone.e164, phone.display, phone.international, phone.label) == (
        e164,
        display,
        international,
        label,
    )
    assert phone.tel_uri == f"tel:{e164}"
    assert to_e164(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "08-709 59 81 ankn. 123",
        "08-709 59 81, anknytning 123",
        "08-709 59 81 Ankn 123",
        "08-709 59 81 ext. 123",
        "08-709 59 81;ext=123",
        "08-709 59 81 x123",
    ],
)
def test_extensions_swedish_or_international(raw):
    phone = parse_phone(raw)
    assert phone.e164 == "+4687095981"
    assert phone.extension == "123"
    assert phone.display == "08-709 59 81 ankn. 123"
    assert phone.tel_uri == "tel:+4687095981;ext=123"
    assert phone.international == "+46 8 709 59 81 ext. 123"


@pytest.mark.parametrize(
    "raw", ["08-709 59 81", "031-123 45 67", "0910-123 45", "070-527 59 81", "0046 8 12 34 56"]
)
def test_ordinary_numbers_keep_the_libraries_national_format(raw):
    # Only the service ranges are re-formatted; everything else is phonenumbers' own.
    number = phonenumbers.parse(raw, "SE")
    expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert parse_phone(raw).display == expected


def general(raw: str) -> str:
    return f"{raw!r} is not a valid phone number ({HOW_TO_WRITE})"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ring mig", general("ring mig")),
        ("08-12", general("08-12")),
        ("112", general("112")),
        ("+47 12", general("+47 12")),
        (
            "08-709 59",
            "'08-709 59' is not a valid phone number (there is no such Swedish number: "
            "check the area code and the number of digits)",
        ),
        (
            "070-527 59 81 12",
            "'070-527 59 81 12' is not a valid phone number (there is no such Swedish "
            "number: check the area code and the number of digits)",
        ),
        (
            "0376-12 34 56",
            "'0376-12 34 56' is not a valid phone number (there is no such Swedish number: "
            "check the area code and the number of digits)",
        ),
        (
            "+47 02 12 34 56",
            "'+47 02 12 34 56' is not a valid phone number (there is no such number with "
            "the country code +47: check the digits)",
        ),
        (
            "+999 123 456",
            "'+999 123 456' is not a valid phone number (the country code +999 does not "
            f"exist; {HOW_TO_WRITE})",
        ),
    ],
)
def test_invalid_numbers_are_refused_with_a_message(raw, message):
    with pytest.raises(PhoneError) as caught:
        parse_phone(raw)
    assert str(caught.value) == message


def test_numbers_the_library_parses_but_are_not_valid_are_refused():
    number = phonenumbers.parse("0376-12 34 56", "SE")  # parses, possible length, no such range
    assert phonenumbers.is_possible_number(number)
    assert not phonenumbers.is_valid_number(number)
    with pytest.raises(PhoneError):
        parse_phone("0376-12 34 56")
