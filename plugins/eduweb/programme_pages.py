"""Programme pages, the programme list, the site calendar and .ics files (issue 3)."""

from __future__ import annotations

from pelican.generators import Generator

from . import urls
from .generators import add_sitemap_entry, write_output_file
from .icalendar_feed import calendar_ics
from .markdown_render import make_markdown, render
from .pictures import with_pictures
from .programmes import (
    ProgrammeView,
    build_programme,
    calendar_entries,
    coming_entries,
    sessions_by_month,
    split_programmes,
    webcal_url,
)
from .schema_org import programme_json_ld


class ProgrammesGenerator(Generator):
    """Writes /utbildningar/, /utbildningar/<slug>/, /kalender/ and the .ics files."""

    def generate_context(self) -> None:
        settings, context = self.settings, self.context
        index = settings["_EDUWEB_INDEX"]
        now, tz = settings["_EDUWEB_NOW"], settings["_eduweb_tz"]
        organization = settings.get("ORGANIZATION") or settings["SITENAME"]
        contact_names = {cid: doc.meta.name for cid, doc in index.contacts.items()}
        md = make_markdown(settings.get("STATIC_PATHS", ["images"]))
        programmes: list[ProgrammeView] = []
        for slug, doc in sorted(index.programmes.items()):
            if doc.is_draft:
                continue  # never written, listed or put in a calendar
            programme = build_programme(doc.meta, slug, now, tz, contact_names)
            body = doc.html if doc.html is not None else render(md, doc.body)
            programme.body_html = with_pictures(body, settings, eager_first=True)
            programme.json_ld = programme_json_ld(programme, settings["PUBLIC_URL"], organization)
            programmes.append(programme)
        coming, others = split_programmes(programmes, now, tz)
        entries = calendar_entries(programmes)
        self._programmes, self._entries = programmes, entries
        self._entries_of = {id(p): [] for p in programmes}
        for entry in entries:
            self._entries_of[id(entry.programme)].append(entry)
        # Shared with every template (teasers in articles, the home page).
        context["programmes_by_slug"] = {p.slug: p for p in programmes}
        context["coming_programmes"] = coming
        context["other_programmes"] = others
        context["calendar_months"] = sessions_by_month(coming_entries(entries, now), tz)
        context["calendar_webcal_url"] = webcal_url(settings["PUBLIC_URL"], urls.CALENDAR_ICS)
        add_sitemap_entry(context, urls.PROGRAMME_LIST)
        add_sitemap_entry(context, urls.CALENDAR)
        for programme in programmes:
            add_sitemap_entry(context, programme.url)

    def generate_output(self, writer) -> None:
        context = self.context
        writer.write_file(
            urls.save_as(urls.PROGRAMME_LIST),
            self.get_template("programmes"),
            context,
            url=urls.PROGRAMME_LIST,
        )
        writer.write_file(
            urls.save_as(urls.CALENDAR),
            self.get_template("calendar"),
            context,
            url=urls.CALENDAR,
        )
        template = self.get_template("programme")
        for programme in self._programmes:
            writer.write_file(
                urls.save_as(programme.url),
                template,
                context,
                url=programme.url,
                programme=programme,
                programme_webcal_url=webcal_url(self.settings["PUBLIC_URL"], programme.ics_url),
            )
            self._write_ics(
                programme.ics_url,
                name=f"{programme.title} – {self.settings['SITENAME']}",
                description=programme.summary,
                entries=self._entries_of[id(programme)],
            )
        self._write_ics(
            urls.CALENDAR_ICS,
            name=self.settings["SITENAME"],
            description=f"Alla utbildningstillfällen från {self.settings['SITENAME']}",
            entries=self._entries,
        )

    def _write_ics(self, url: str, *, name: str, description: str, entries: list) -> None:
        data = calendar_ics(
            name=name,
            description=description,
            entries=entries,
            now=self.settings["_EDUWEB_NOW"],
            tz=self.settings["_eduweb_tz"],
            public_url=self.settings["PUBLIC_URL"],
            source_url=f"{self.settings['PUBLIC_URL']}/{url}",
            prodid=f"-//{self.settings['SITENAME']}//eduweb//SV",
        )
        write_output_file(self.output_path, url, data)
