"""Each feature has the same shape: pure logic that knows nothing of Pelican's
build (unit-testable without a site) and a generator that writes it out."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT
from eduweb.contacts import ContactCard
from eduweb.phones import parse_phone

PLUGIN = ROOT / "plugins/eduweb"
# Pelican's slugify is a plain function: using it keeps our slugs Pelican's.
ALLOWED_PELICAN = {"pelican.utils"}


def imports_of(module: str) -> tuple[set[str], set[str]]:
    """(outside modules, eduweb modules) a plugin module imports."""
    tree = ast.parse((PLUGIN / f"{module}.py").read_text(encoding="utf-8"))
    outside, ours = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            outside.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names = [node.module] if node.module else [a.name for a in node.names]
                ours.update(names)
            else:
                outside.add(node.module)
    return outside, ours


def pelican_imports(module: str) -> set[str]:
    """Pelican modules `module` needs, following its eduweb imports."""
    seen, todo, found = set(), [module], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        outside, ours = imports_of(name)
        found |= {m for m in outside if m.split(".")[0] == "pelican"}
        todo.extend(ours)
    return found - ALLOWED_PELICAN


@pytest.mark.parametrize("module", ["programmes", "contacts"])
def test_feature_logic_does_not_need_pelican(module):
    assert pelican_imports(module) == set()


def test_the_generators_are_where_pelican_comes_in():
    assert pelican_imports("contact_pages") == {"pelican.generators"}
    assert pelican_imports("programme_pages") == {"pelican.generators"}


@pytest.mark.parametrize(
    ("phones", "email", "shown"),
    [((), None, False), ((), "a@b.se", True), ((parse_phone("08-123 456 78"),), None, True)],
)
def test_contact_card_has_details_with_a_phone_or_an_email(phones, email, shown):
    assert ContactCard("a", "A", phones=phones, email=email).has_details is shown
