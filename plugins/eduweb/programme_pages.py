"""Programme pages, the programme list, the site calendar (with its pages per
programme and month), the .ics files (issue 3) and /kalender.json (issue 11)."""

from __future__ import annotations

import functools

from pelican.generators import Generator

from . import urls
from .generators import add_sitemap_entry
from .icalendar_feed import calendar_ics
from .markdown_render import make_markdown, render
from .pictures import with_pictures
from .programmes import (
    ProgrammeView,
    build_programme,
    calendar_entries,
    coming_entries,
    split_programmes,
    webcal_url,
)
from .reader_calendar import HOME_SESSION_COUNT, attach_add_links, calendar_json, calendar_pages
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
            programme.facts = settings["_EDUWEB_FACTS"].get(doc.source_path)
            programmes.append(programme)
        coming, others = split_programmes(programmes, now, tz)
        entries = calendar_entries(programmes)
        coming_sessions = coming_entries(entries, now)
        attach_add_links(coming_sessions, settings["PUBLIC_URL"], tz.key)
        self._programmes, self._entries = programmes, entries
        self._calendar = calendar_pages(programmes, entries, coming_sessions, tz)
        self._entries_of = {id(p): [] for p in programmes}
        for entry in entries:
            self._entries_of[id(entry.programme)].append(entry)
        # Shared with every template (teasers in articles, the home page).
        context["programmes_by_slug"] = {p.slug: p for p in programmes}
        context["coming_programmes"] = coming
        context["other_programmes"] = others
        context["calendar_webcal_url"] = webcal_url(settings["PUBLIC_URL"], urls.CALENDAR_ICS)
        context["calendar_programme_links"] = self._calendar.programme_links
        context["calendar_month_links"] = self._calendar.month_links
        # The home page's "next sessions", across programmes.
        context["next_sessions"] = coming_sessions[:HOME_SESSION_COUNT]
        add_sitemap_entry(context, urls.PROGRAMME_LIST)
        for view in self._calendar.views:
            add_sitemap_entry(context, view.url)
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
        calendar_template = self.get_template("calendar")
        for view in self._calendar.views:
            writer.write_file(
                urls.save_as(view.url),
                calendar_template,
                context,
                url=view.url,
                calendar=view,
                calendar_months=view.months,
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
                writer,
                programme.ics_url,
                name=f"{programme.title} – {self.settings['SITENAME']}",
                description=programme.summary,
                entries=self._entries_of[id(programme)],
            )
        self._write_ics(
            writer,
            urls.CALENDAR_ICS,
            name=self.settings["SITENAME"],
            description=f"Alla utbildningstillfällen från {self.settings['SITENAME']}",
            entries=self._entries,
        )
        writer.write_data(
            urls.CALENDAR_JSON,
            functools.partial(
                calendar_json,
                self._entries,
                name=self.settings["SITENAME"],
                public_url=self.settings["PUBLIC_URL"],
                tz_name=self.settings["_eduweb_tz"].key,
                now=self.settings["_EDUWEB_NOW"],
            ),
        )

    def _write_ics(self, writer, url: str, *, name: str, description: str, entries: list) -> None:
        # Made when the writer flushes, in its worker processes: a calendar
        # costs as much as several pages.
        make = functools.partial(
            calendar_ics,
            name=name,
            description=description,
            entries=entries,
            now=self.settings["_EDUWEB_NOW"],
            tz=self.settings["_eduweb_tz"],
            public_url=self.settings["PUBLIC_URL"],
            source_url=f"{self.settings['PUBLIC_URL']}/{url}",
            prodid=f"-//{self.settings['SITENAME']}//eduweb//SV",
        )
        writer.write_data(url, make)
