"""Contacts without Pelican: the card of each contact, the directory
templates look contacts up in, grouping for the contacts page, and the
vCard and schema.org data of a card.

contact_pages.py is the generator that writes them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import urls
from .collation import swedish_sort_key
from .phones import Phone, parse_phone
from .vcard import VCardData, split_name, vcard

# Formats contact apps show as a photo; an SVG portrait stays on the web page only.
VCARD_PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif")
NO_ORGANIZATION = "Övriga kontakter"


@dataclass(frozen=True)
class ContactCard:
    """One contact as the templates, the vCard and the JSON-LD show it."""

    id: str
    name: str
    role: str | None = None
    organization: str | None = None
    phones: tuple[Phone, ...] = ()
    email: str | None = None
    image: str | None = None  # path below the site root: images/x.jpg
    image_alt: str | None = None

    @property
    def vcard_url(self) -> str:
        return urls.vcard_url(self.id)

    @property
    def page_url(self) -> str:
        """The contact's card on the contacts page."""
        return urls.contact_url(self.id)

    @property
    def has_details(self) -> bool:
        """Whether the card has a telephone or e-mail list."""
        return bool(self.phones or self.email)

    @property
    def sort_key(self) -> tuple:
        family, given = split_name(self.name)
        return swedish_sort_key(family), swedish_sort_key(given), self.id


def contact_card(contact_id: str, meta: Any) -> ContactCard:
    """A card from a validated model.Contact (its phones are known to parse)."""
    return ContactCard(
        id=contact_id,
        name=meta.name,
        role=meta.role,
        organization=meta.organization,
        phones=tuple(parse_phone(raw) for raw in meta.phone),
        email=meta.email,
        image=meta.image,
        image_alt=meta.image_alt,
    )


def contact_vcard(card: ContactCard, public_url: str) -> str:
    photo = (
        card.image if card.image and card.image.lower().endswith(VCARD_PHOTO_EXTENSIONS) else None
    )
    return vcard(
        VCardData(
            name=card.name,
            organization=card.organization,
            title=card.role,
            phones=card.phones,
            email=card.email,
            # A file name may hold spaces, `#`, `%` or worse: the address encodes them.
            photo_url=f"{public_url}/{quote(photo)}" if photo else None,
            url=f"{public_url}/{card.page_url}",
        )
    )


def person_json_ld(card: ContactCard, public_url: str) -> dict:
    """schema.org Person, telephone numbers in E.164."""
    person: dict[str, Any] = {
        "@type": "Person",
        "@id": f"{public_url}/{card.page_url}",
        "name": card.name,
        "url": f"{public_url}/{card.page_url}",
    }
    if card.role:
        person["jobTitle"] = card.role
    if card.organization:
        person["worksFor"] = {"@type": "Organization", "name": card.organization}
    if card.phones:
        person["telephone"] = _schema_phone(card.phones[0])
    if card.email:
        person["email"] = card.email
    if card.image:
        person["image"] = f"{public_url}/{card.image}"
    points = [
        {"@type": "ContactPoint", "contactType": p.label, "telephone": _schema_phone(p)}
        for p in card.phones
    ]
    if card.email:
        points.append({"@type": "ContactPoint", "contactType": "E-post", "email": card.email})
    if points:
        person["contactPoint"] = points
    return person


def _schema_phone(phone: Phone) -> str:
    return phone.e164 + (f";ext={phone.extension}" if phone.extension else "")


class ContactDirectory:
    """Every contact of the build, by id; what templates ask for contacts."""

    def __init__(self, cards: Iterable[ContactCard], public_url: str):
        self._cards = {card.id: card for card in cards}
        self._public_url = public_url

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._cards

    def __getitem__(self, contact_id: str) -> ContactCard:
        return self._cards[contact_id]

    def __iter__(self) -> Iterator[ContactCard]:
        return iter(sorted(self._cards.values(), key=lambda c: c.sort_key))

    def __len__(self) -> int:
        return len(self._cards)

    def cards(self, ids: Iterable[str]) -> list[ContactCard]:
        """The cards of a page's `contacts:` list, in the order written."""
        return [self._cards[i] for i in dict.fromkeys(ids) if i in self._cards]

    def json_ld(self, ids: Iterable[str] | None = None) -> dict:
        """One JSON-LD document with a Person per contact (all when ids is None)."""
        cards = list(self) if ids is None else self.cards(ids)
        return {
            "@context": "https://schema.org",
            "@graph": [person_json_ld(card, self._public_url) for card in cards],
        }

    def by_organization(self) -> list[tuple[str, list[ContactCard]]]:
        """(organisation, its contacts) in Swedish alphabetical order, with
        contacts without an organisation last."""
        groups: dict[str | None, list[ContactCard]] = {}
        for card in self:
            groups.setdefault(card.organization, []).append(card)
        named = sorted((o for o in groups if o), key=swedish_sort_key)
        result = [(org, groups[org]) for org in named]
        if None in groups:
            result.append((NO_ORGANIZATION, groups[None]))
        return result
