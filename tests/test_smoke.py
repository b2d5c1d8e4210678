"""The fixture site (tests/fixtures/site) builds cleanly with warnings fatal."""


def test_sample_site_builds(sample_build):
    assert (sample_build.output / "index.html").exists()
    assert (sample_build.output / "nyheter" / "atom.xml").exists()
