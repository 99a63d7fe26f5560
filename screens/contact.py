"""Contact details: name, headline, email, phone, location, website, profiles."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input

from freecv_tui import checks
from freecv_tui.checks import Finding
from freecv_tui.cv import Basics, Profile
from freecv_tui.screens.base import StepScreen
from freecv_tui.screens.widgets import Field

CODE_FAMILIES = {"Software and IT", "Data and analytics"}
"""Families whose recruiters open a GitHub link; others get a portfolio field."""
BASIC_FIELDS = ("name", "label", "email", "phone", "location", "url")


def with_scheme(url: str) -> str:
    """Add https:// to an address typed without one, as people usually do."""
    url = url.strip()
    if url and "://" not in url and not url.startswith("mailto:") and "." in url:
        return f"https://{url}"
    return url


class ContactScreen(StepScreen):
    """Who you are and how a recruiter reaches you."""

    STEP = "contact"
    TITLE_TEXT = "Contact details"

    @property
    def networks(self) -> dict[str, str]:
        """Input id -> profile network: LinkedIn, and GitHub or a portfolio."""
        role = self.wizard.role
        second = (
            "GitHub" if role is None or role.family in CODE_FAMILIES else "Portfolio"
        )
        return {"linkedin": "LinkedIn", "github": second}

    def example(self, key: str, fallback: str) -> str:
        """A placeholder from the role's example person, so hints fit the job."""
        role = self.wizard.role
        value = role.example.get("basics", {}).get(key) if role else None
        return f"e.g. {value}" if isinstance(value, str) and value else fallback

    def compose_form(self) -> ComposeResult:
        b = self.cv.basics
        yield Field(
            "Full name *", name="name", value=b.name, placeholder="e.g. Ana Lindqvist"
        )
        yield Field(
            "Headline",
            name="label",
            value=b.label or "",
            placeholder=self.example("label", "your job title and specialty"),
        )
        yield Field(
            "Email", name="email", value=b.email or "", placeholder="you@example.com"
        )
        yield Field(
            "Phone", name="phone", value=b.phone or "", placeholder="+44 20 7946 0000"
        )
        yield Field(
            "Location",
            name="location",
            value=b.location or "",
            placeholder="City, Country",
        )
        yield Field("Website", name="url", value=b.url or "", placeholder="https://...")
        for key, network in self.networks.items():
            yield Field(
                network,
                name=key,
                value=self._profile_url(network),
                placeholder=(
                    f"https://{key}.com/..."
                    if network != "Portfolio"
                    else "https://..."
                ),
            )

    def _profile_url(self, network: str) -> str:
        for profile in self.cv.basics.profiles:
            if profile.network.lower() == network.lower():
                return profile.url
        return ""

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        basics = self.cv.basics
        if name in BASIC_FIELDS:
            value = event.value if name == "name" else (event.value or None)
            setattr(basics, name, value)
        elif name in self.networks:
            self._set_profile(self.networks[name], event.value.strip())
        else:
            return
        self.field_error(name, None)
        self.wizard.cv_changed()
        self.refresh_note(event.input)

    def _set_profile(self, network: str, url: str) -> None:
        profiles = self.cv.basics.profiles
        for index, profile in enumerate(profiles):
            if profile.network.lower() == network.lower():
                if url:
                    profile.url = url
                else:
                    del profiles[index]
                return
        if url:
            profiles.append(Profile.model_construct(network=network, url=url))

    def _normalise_urls(self) -> None:
        basics = self.cv.basics
        if basics.url:
            basics.url = with_scheme(basics.url)
            self.query_one("#url", Input).value = basics.url
        for key, network in self.networks.items():
            url = self._profile_url(network)
            if url and with_scheme(url) != url:
                self._set_profile(network, with_scheme(url))
                self.query_one(f"#{key}", Input).value = with_scheme(url)

    def blocking_problems(self) -> list[str]:
        self._normalise_urls()
        out = []
        for name, message in self._field_problems():
            self.field_error(name, message)
            out.append(message)
        return out

    def _field_problems(self) -> list[tuple[str, str]]:
        from pydantic import ValidationError

        basics = self.cv.basics
        out = []
        if not basics.name.strip():
            out.append(("name", "Your name is required."))
        data = basics.model_dump(exclude_none=True)
        try:
            Basics.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = [p for p in err["loc"] if isinstance(p, str | int)]
                field = str(loc[0]) if loc else ""
                message = str(err.get("ctx", {}).get("error", err["msg"]))
                if field == "profiles" and len(loc) > 1:
                    index = int(loc[1])
                    field = basics.profiles[index].network.lower()
                if field == "name":
                    continue
                if field in {*BASIC_FIELDS, *self.networks}:
                    out.append((field, message))
        return out

    def findings_for(self, widget: Widget) -> tuple[str, list[Finding]]:
        if widget.id == "email" and self.cv.basics.email:
            problems = dict(self._field_problems())
            if "email" in problems:
                return "Email", [Finding("contact.email", "error", problems["email"])]
            return "Email", [
                Finding("contact.email", "ok", "looks like a valid address")
            ]
        if widget.id == "label":
            count = len(checks.words(self.cv.basics.label or ""))
            if count > 10:
                return "Headline", [
                    Finding(
                        "contact.headline",
                        "tip",
                        f"{count} words; a headline reads best under 10",
                    )
                ]
        return "", []
