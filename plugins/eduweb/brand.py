"""The organisation's identity from the BRAND setting: its logo and colours.

The colours become CSS custom properties in a small generated stylesheet,
/theme/css/brand.<hash>.css, linked before site.css (the Content-Security-
Policy allows no inline style). Every pair of colours the theme puts on top
of each other is checked at build time against WCAG 2.1 (1.4.3 and 1.4.11),
in the light and in the dark scheme: a failing pair stops the build with a
line that names both colours and their ratio.

    BRAND = {
        "logo": "img/logo.svg",             # SVG or PNG, below content/ or theme/static/
        "light": {"primary": "#0b3a5b", "accent": "#0a7a6c",
                  "background": "#ffffff", "text": "#1b1b1b"},
        "dark": {...},                      # the same four keys
    }

Every key may be left out; the defaults below apply.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator, Field

from . import messages
from .model import EMAIL_RE  # the contract's rule for an e-mail address
from .phones import Phone, PhoneError, parse_phone
from .setting_types import ORG_NUMBER_RE, Problem, SettingsModel, fail, is_text, optional_text

HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
LOGO_EXTENSIONS = (".svg", ".png")

# WCAG 2.1 minimum contrast: text (1.4.3), large text and UI components (1.4.11).
TEXT = 4.5
NON_TEXT = 3.0

ROLES = ("primary", "accent", "background", "text")

DEFAULT_LIGHT = {
    "primary": "#0b3a5b",
    "accent": "#0a7a6c",
    "background": "#ffffff",
    "text": "#1b1b1b",
}
DEFAULT_DARK = {
    "primary": "#8cc4f0",
    "accent": "#4fc2b0",
    "background": "#121519",
    "text": "#e8eaed",
}

# Booking status badges (components/booking_status.html): text colour,
# background, per scheme. Their meaning is in their text; the colour only
# supports it (WCAG 1.4.1): green open, amber few places, red full, grey
# cancelled or finished, blue ongoing, neutral when registration has closed.
STATUS_COLOURS = {
    "light": {
        "open": ("#14532d", "#dcf3e3"),
        "few-places": ("#5c3a00", "#ffe8b0"),
        "full": ("#8a1a1a", "#fde2e2"),
        "closed": ("#3d3d3d", "#ececec"),
        "cancelled": ("#3d3d3d", "#e3e3e3"),
        "ongoing": ("#0b3a5b", "#dcebf7"),
        "finished": ("#3d3d3d", "#ececec"),
    },
    "dark": {
        "open": ("#b9f0c9", "#123d22"),
        "few-places": ("#ffdd8a", "#4a3300"),
        "full": ("#ffc4c4", "#5a1616"),
        "closed": ("#e0e0e0", "#3a3a3a"),
        "cancelled": ("#d0d0d0", "#333333"),
        "ongoing": ("#cde6fa", "#17354f"),
        "finished": ("#e0e0e0", "#3a3a3a"),
    },
}


def _colour(value: object) -> str:
    if not isinstance(value, str) or not HEX_RE.fullmatch(value.strip()):
        raise fail(messages.text("brand.colour", value=messages.quote(value)))
    return normalise(value.strip())


Colour = Annotated[str, BeforeValidator(_colour)]


def _logo(value: object) -> str:
    if value is None or value == "":
        return ""
    if (
        not isinstance(value, str)
        or not value.lower().endswith(LOGO_EXTENSIONS)
        or value.startswith("/")
        or ".." in value.split("/")
    ):
        raise fail(messages.text("brand.logo", value=messages.quote(value)))
    return value


class Palette(SettingsModel):
    primary: Colour
    accent: Colour
    background: Colour
    text: Colour


def _palette(default: dict):
    """A scheme's colours: the keys written over the default's."""

    def check(value: object) -> object:
        if value is None:
            return dict(default)
        if not isinstance(value, dict):
            raise fail(messages.text("brand.scheme_shape"))
        return {**default, **value}

    return BeforeValidator(check)


class BrandSettings(SettingsModel):
    logo: Annotated[str, BeforeValidator(_logo)] = ""
    light: Annotated[Palette, _palette(DEFAULT_LIGHT)] = Field(
        default_factory=lambda: Palette(**DEFAULT_LIGHT)
    )
    dark: Annotated[Palette, _palette(DEFAULT_DARK)] = Field(
        default_factory=lambda: Palette(**DEFAULT_DARK)
    )


def _brand_shape(value: object) -> object:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(messages.text("brand.shape"))
    return value


Brand = Annotated[BrandSettings, BeforeValidator(_brand_shape)]


# ------------------------------------------------ the footer's address block


def _address(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(is_text(line) for line in value):
        raise fail(messages.text("organization_contact.address"))
    return [line.strip() for line in value]


def _email(value: object) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not EMAIL_RE.fullmatch(value.strip()):
        raise fail(messages.text("organization_contact.email", value=messages.quote(value)))
    return value.strip()


def _phone(value: object) -> Phone | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail(messages.text("organization_contact.phone", value=messages.quote(value)))
    try:
        return parse_phone(value)
    except PhoneError as error:
        raise fail(str(error)) from None


def _org_number(value: object) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not ORG_NUMBER_RE.fullmatch(value.strip()):
        raise fail(messages.text("organization_contact.org_number", value=messages.quote(value)))
    return value.strip()


class OrganizationContact(SettingsModel):
    """ORGANIZATION_CONTACT: the address block in every page's footer."""

    name: Annotated[str, BeforeValidator(optional_text)] = ""  # default: ORGANIZATION
    address: Annotated[list[str], BeforeValidator(_address)] = Field(default_factory=list)
    email: Annotated[str, BeforeValidator(_email)] = ""
    phone: Annotated[Phone | None, BeforeValidator(_phone)] = None
    org_number: Annotated[str, BeforeValidator(_org_number)] = ""


def _contact_shape(value: object) -> object:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(messages.text("organization_contact.shape"))
    return value


Contact = Annotated[OrganizationContact, BeforeValidator(_contact_shape)]


# ---------------------------------------------------------------- contrast
def normalise(colour: str) -> str:
    """'#ABC' -> '#aabbcc'."""
    digits = colour.lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1, with the sRGB threshold of IEC 61966-2-1)."""
    digits = normalise(colour)[1:]
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 to 21: '#767676' on white is 4.54."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mix(first: str, second: str, share: float) -> str:
    """`share` of `first` with the rest `second`, in sRGB (as CSS color-mix)."""
    a, b = normalise(first)[1:], normalise(second)[1:]
    channels = (
        round(int(a[i : i + 2], 16) * share + int(b[i : i + 2], 16) * (1 - share))
        for i in (0, 2, 4)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


@dataclass(frozen=True)
class Scheme:
    """Every colour the theme uses in one scheme, written and derived."""

    name: str  # "light" or "dark"
    primary: str
    accent: str
    background: str
    text: str

    @property
    def surface(self) -> str:
        """Cards and boxes: the background with a hint of the primary colour."""
        return mix(self.primary, self.background, 0.07)

    @property
    def border(self) -> str:
        return mix(self.text, self.background, 0.3)

    @property
    def muted(self) -> str:
        """Secondary text: softer than the text, still 4.5:1 on the surface."""
        softer = mix(self.text, self.background, 0.8)
        return softer if contrast(softer, self.surface) >= TEXT else self.text

    def pairs(self) -> list[tuple[str, str, str, float]]:
        """Each combination the theme draws: (kind, foreground role,
        background role, minimum ratio); kind "text" or "ui"."""
        return [
            ("text", "text", "background", TEXT),
            ("text", "text", "surface", TEXT),
            ("text", "muted", "surface", TEXT),
            ("text", "primary", "background", TEXT),  # links; header and button text
            ("text", "primary", "surface", TEXT),
            ("ui", "accent", "background", NON_TEXT),  # box edges, current menu item
        ]

    def colour(self, role: str) -> str:
        return getattr(self, role)


def schemes(brand: BrandSettings) -> list[Scheme]:
    return [Scheme(name, **getattr(brand, name).model_dump()) for name in ("light", "dark")]


def contrast_problems(brand: BrandSettings) -> list[Problem]:
    """Each pair of colours below its minimum ratio, in either scheme, and
    each status badge below 4.5:1 (the badges are the theme's own)."""
    problems = []
    for scheme in schemes(brand):
        for kind, fg_role, bg_role, minimum in scheme.pairs():
            fg, bg = scheme.colour(fg_role), scheme.colour(bg_role)
            ratio = contrast(fg, bg)
            if ratio < minimum:
                key = "brand.contrast_text" if kind == "text" else "brand.contrast_ui"
                problems.append(
                    (
                        ("BRAND", scheme.name),
                        messages.text(
                            key,
                            foreground=f"{fg_role} ({fg})",
                            background=f"{bg_role} ({bg})",
                            ratio=f"{ratio:.2f}",
                            minimum=f"{minimum:g}",
                        ),
                    )
                )
    return problems


def status_contrast(scheme: str) -> dict[str, float]:
    """The contrast of each status badge's text on its background."""
    return {key: contrast(fg, bg) for key, (fg, bg) in STATUS_COLOURS[scheme].items()}


def logo_folder(logo: str, folders: list[str]) -> str | None:
    """The first of `folders` (content/, then the theme's static folders)
    that holds the logo file, or None."""
    return next((f for f in folders if os.path.isfile(os.path.join(f, logo))), None)


def logo_problems(brand: BrandSettings, folders: list[str]) -> list[Problem]:
    if brand.logo and logo_folder(brand.logo, folders) is None:
        return [(("BRAND", "logo"), messages.text("brand.logo_missing", path=brand.logo))]
    return []


def logo_url(settings: dict) -> str:
    """The logo's address: /images/logo.svg from content/, or the theme
    file's hashed name (assets.py); "" without a logo. Called by the theme
    while rendering, when the theme's names are known."""
    site = settings.get("_EDUWEB_SITE")
    logo = site.BRAND.logo if site else ""
    if not logo:
        return ""
    if os.path.isfile(os.path.join(settings["PATH"], logo)):
        return "/" + logo
    return settings["_EDUWEB_ASSETS"](logo)


# ---------------------------------------------------------------- stylesheet
def _properties(scheme: Scheme) -> str:
    values = {
        "primary": scheme.primary,
        "on-primary": scheme.background,
        "accent": scheme.accent,
        "background": scheme.background,
        "text": scheme.text,
        "surface": scheme.surface,
        "border": scheme.border,
        "muted": scheme.muted,
        "link": scheme.primary,
        "link-visited": scheme.primary,
    }
    lines = [f"  --color-{name}: {value};" for name, value in values.items()]
    for key, (fg, bg) in STATUS_COLOURS[scheme.name].items():
        lines.append(f"  --status-{key}: {fg};")
        lines.append(f"  --status-{key}-bg: {bg};")
    return "\n".join(lines)


def stylesheet(brand: BrandSettings) -> str:
    """The colours as custom properties: light, and dark where the reader's
    system asks for it."""
    light, dark = schemes(brand)
    return (
        "/* Generated from the BRAND setting (plugins/eduweb/brand.py). */\n"
        ":root {\n  color-scheme: light dark;\n"
        f"{_properties(light)}\n}}\n"
        "@media (prefers-color-scheme: dark) {\n:root {\n"
        f"{_properties(dark)}\n}}\n}}\n"
    )
