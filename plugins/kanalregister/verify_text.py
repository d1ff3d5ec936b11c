"""The verify answer as lines of text for ``kanalregister verify`` (German, as on the site).

The first word of the headline is a fixed English keyword (OFFICIAL, ONLY-ON, …) for scripts;
the rest is what the browser's widget says.
"""

from __future__ import annotations

from .register.catalog import ListedFake
from .verify import Match, Verdict

_HEADLINES = {
    "official": "OFFICIAL: offizieller Kanal",
    "only-on": "ONLY-ON: nur auf diesen Kanälen offiziell",
    "archived": "FORMERLY OFFICIAL: ehemals offizieller Kanal",
    "planned": "PLANNED: noch nicht in Betrieb – derzeit nicht offiziell",
    "known-fake": "KNOWN FAKE: bekannte Fälschung – nicht offiziell",
    "not-listed": "NOT LISTED: nicht offiziell",
    "email": "EMAIL: eine E-Mail-Adresse, kein Social-Media-Konto",
    "unusable": "UNUSABLE INPUT: keine Profiladresse und kein Kontoname",
}
_STATUS_TEXT = {
    "active": "offizieller Kanal",
    "temporary": "offizieller Kanal (befristet)",
    "emergency_only": "offizieller Kanal, nur für Warnungen",
    "planned": "geplant, noch nicht in Betrieb",
}
_READING = {
    "content": "Die Adresse zeigt einen Beitrag oder eine Unterseite des Kontos {account}.",
    "word": "Gelesen als Kontoname @{query} und als Name eines Kanals.",
    "name": "Gesucht nach Kanälen und Organisationseinheiten mit „{query}“ im Namen.",
}


def describe(match: Match) -> str:
    """One line about a channel of the register."""
    if match.archived is not None:
        status = f"ehemals offiziell, nicht mehr betrieben seit {match.archived:%d.%m.%Y}"
    elif match.paused is not None:
        status = (f"offizieller Kanal, ruhend seit {match.paused:%d.%m.%Y}: keine Beiträge, "
                  "Nachrichten werden nicht gelesen")
    else:
        status = _STATUS_TEXT.get(match.status, "offizieller Kanal")
    page = f"; {match.page}" if match.page else ""
    member = f"{match.member}: " if match.member else ""
    return f"{member}{match.platform_name} {match.url}: {match.name} – {status}{page}"


def format_text(verdict: Verdict, *, report_problem: str | None = None,
                verbund: str | None = None) -> list[str]:
    """The answer as lines for people: headline, matches, and what to do. ``verbund`` (its
    name) when the answer covers the members of a Verbund: the headline names the member."""
    headline = _verbund_headline(verdict, verbund) if verbund else _HEADLINES[verdict.answer]
    if verdict.answer == "only-on":
        names = list(dict.fromkeys(m.platform_name for m in verdict.matches
                                   if m.status != "archived"))
        headline = (f"ONLY-ON: unter „{verdict.query}“ nur diese Kanäle offiziell"
                    if verdict.reading == "name" else f"ONLY-ON: nur auf {_join(names)} offiziell")
    first = verdict.matches[0] if verdict.matches else None
    if verdict.answer == "archived" and len(verdict.matches) == 1 and first and first.archived:
        headline += f" – nicht mehr betrieben seit {first.archived:%d.%m.%Y}"
    lines = [headline, f"  Eingabe: {verdict.query}"]
    if verdict.reading in _READING:
        account = verdict.canonical.url if verdict.canonical else ""
        lines.append("  " + _READING[verdict.reading].format(account=account,
                                                             query=verdict.query))
    if verdict.canonical is not None:
        lines.append(f"  Profil: {verdict.canonical.url}")
    lines += [f"  {describe(m)}" for m in verdict.matches]
    if verdict.answer == "only-on":
        lines.append("  Auf jeder anderen Plattform und unter jedem anderen Konto ist es nicht "
                     "offiziell.")
    for match in verdict.matches if verdict.answer == "archived" else []:
        continues = "Die Stelle macht hier weiter" if verbund else "Die Stadt macht hier weiter"
        lines += [f"  {continues}: {describe(s)}" for s in match.successors]
    if verbund and verdict.answer == "not-listed" and not verdict.lookalike:
        lines.append(f"  Das Konto gehört zu keinem offiziellen Kanal der Mitglieder von "
                     f"„{verbund}“.")
    else:
        lines += _advice(verdict)
    lines += [f"  Offiziell ist dagegen: {describe(m)}" for m in verdict.similar]
    if (verdict.lookalike or verdict.answer == "known-fake") and report_problem:
        lines.append(f"  Melden Sie es uns: {report_problem}")
    return lines


def _verbund_headline(verdict: Verdict, verbund: str) -> str:
    """The headline across members: whose channel it is, or who reported the fake."""
    member = verdict.matches[0].member if verdict.matches else None
    if verdict.answer == "official" and member:
        return f"OFFICIAL: offizieller Kanal von {member}"
    if verdict.answer == "archived" and member and len(verdict.matches) == 1:
        return f"FORMERLY OFFICIAL: ehemals offizieller Kanal von {member}"
    if verdict.answer == "known-fake" and verdict.reported_by:
        return (f"KNOWN FAKE: bekannte Fälschung, gemeldet von {verdict.reported_by} – "
                "nicht offiziell")
    if verdict.answer == "not-listed":
        return f"NOT LISTED: bei keinem Mitglied von „{verbund}“ verzeichnet – nicht offiziell"
    return _HEADLINES[verdict.answer]


def _advice(verdict: Verdict) -> list[str]:
    if verdict.answer == "unusable":
        problem = verdict.problem
        hint = problem.hint if problem and problem.hint else ""
        return ["  Geben Sie die Adresse des Profils ein (in der App: Profil öffnen → ⋯ oder "
                "Teilen → Link kopieren)" + (f"; {hint}" if hint else ".")]
    if verdict.answer == "email":
        where = ("Die Adresse steht im Register als Kontaktadresse." if verdict.known_email
                 else "Die Domain gehört der Stadt." if verdict.own_domain
                 else "Die Domain gehört nicht der Stadt.")
        return [f"  {where} Ein Mastodon-Konto geben Sie als @name@server ein."]
    if verdict.answer == "planned":
        return ["  Das Konto ist für die Stadt vorgesehen, wird aber noch nicht betrieben: "
                "Was dort erscheint, stammt nicht von der Stadt."]
    if verdict.answer == "known-fake" and verdict.fake is not None:
        return _fake_lines(verdict.fake)
    if verdict.answer == "not-listed" and verdict.lookalike:
        return ["  Vorsicht, mögliche Fälschung: Geben Sie dem Konto keine persönlichen Daten "
                "und melden Sie es der Plattform als Identitätsdiebstahl."]
    if verdict.answer == "not-listed":
        return ["  Das Konto gehört nicht zu den offiziellen Kanälen der Stadt."]
    return []


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _fake_lines(listed: ListedFake) -> list[str]:
    """Facts about a known fake and what to do; no judgement of the persons behind it."""
    fake = listed.fake
    reported = f"  Der Plattform als Fälschung gemeldet am {fake.reported:%d.%m.%Y}"
    if fake.report_reference:
        reported += f" (Vorgang {fake.report_reference})"
    lines = [reported + "."]
    if fake.removed:
        lines.append(f"  Von der Plattform entfernt am {fake.removed:%d.%m.%Y}.")
    return lines + [
        "  Nicht mit diesem Konto interagieren: nichts schreiben, keine Links öffnen, keine "
        "Daten angeben.",
        "  Sehen Sie es noch, melden Sie es über die Meldefunktion der Plattform als "
        "Identitätsdiebstahl.",
    ]
