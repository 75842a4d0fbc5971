"""``msc-graph new-study``: a record template for a paper, in the right place, with the fields to fill.

The template is valid YAML but deliberately incomplete (no quote, no abstract, no page address for
the identifier): ``msc-graph validate`` names each field still to fill, so the curator is guided
field by field and nothing half-curated can be ingested.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ._exceptions import ConfigError, ParameterError
from ._resources import ingest_dir
from ._schema import CATEGORIES, ROLES, SETTINGS

_PMID = re.compile(r"^\d{1,9}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _names(path: Path, limit: int = 40) -> str:
    try:
        terms = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return ""
    names = [str(t.get("name")) for t in terms if isinstance(t, dict) and t.get("name")]
    more = f", ... ({len(names) - limit} more in {path.name})" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def new_study(
    pmid: str | None = None, doi: str | None = None, source: str = "literature-2020s", records: Path | None = None
) -> list[Path]:
    """Write a study record and a claim template for a paper; return the files written or changed.

    Raises:
        ParameterError: no or a malformed PMID/DOI, or a bad source id.
        ConfigError: the study is already recorded in that source.
    """
    if bool(pmid) == bool(doi):
        raise ParameterError("give either --pmid or --doi")
    if pmid and not _PMID.match(pmid):
        raise ParameterError(f"a PMID is digits only, not {pmid!r}")
    if doi and not _DOI.match(doi):
        raise ParameterError(f"a DOI looks like 10.1234/abc, not {doi!r}")
    if not _SOURCE.match(source):
        raise ParameterError(f"a source id is lower-case letters, digits and '-', not {source!r}")
    root = Path(records) if records else ingest_dir()
    folder = root / "sources" / source
    key = f"pmid:{pmid}" if pmid else f"doi:{str(doi).lower()}"
    slug = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
    studies = folder / "studies.yaml"
    claims = folder / "claims" / f"{slug}.yaml"
    if claims.exists() or (studies.exists() and re.search(rf"key:\s*['\"]?{re.escape(key)}", studies.read_text())):
        raise ConfigError(f"{key} is already recorded in {folder} (edit {claims})")
    written = []
    if not (folder / "source.yaml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.yaml").write_text(
            f"# A source of papers read from their abstracts. Format: ingest/README.md.\n"
            f"id: {source}\nkind: literature\ntitle: FILL IN what this set of papers is and how it was selected\n",
            encoding="utf-8",
        )
        written.append(folder / "source.yaml")
    ident = f'    pmid: "{pmid}"\n' if pmid else f'    doi: "{doi}"\n'
    entry = (
        f"- key: {key}\n"
        "  identity:               # read on PubMed, PMC or the publisher's page; never from memory\n"
        f"{ident}"
        '    first_author: ""\n    year: null\n    title: ""\n    journal: ""\n'
        "    source_urls: []       # REQUIRED: the address of the page you read the identifier on\n"
        '    match: "identifier given to msc-graph new-study"\n'
        "    status: unresolved    # verified once the PMID/DOI and first author are read on a page\n"
        '  abstract: ""             # the abstract as read (the quotes of its claims must be found in it)\n'
        "  abstract_complete: true\n"
    )
    header = "# Studies of this source. Format: ingest/README.md.\n" if not studies.exists() else ""
    existing = studies.read_text(encoding="utf-8") if studies.exists() else ""
    sep = "" if not existing or existing.endswith("\n") else "\n"
    studies.write_text(header + existing + sep + entry, encoding="utf-8")
    written.append(studies)
    vocab = root / "vocab"
    claims.parent.mkdir(parents=True, exist_ok=True)
    claims.write_text(
        f"# Claims of {key}: fill in every field, then run `msc-graph validate` (it names what is missing).\n"
        "# Any id, name or synonym of a vocabulary term works; a new term is added as a record to\n"
        "# ingest/vocab/<vocabulary>.yaml (see ingest/README.md). One claim per finding; one context per experiment.\n"
        f"#   rcd_modes: {_names(vocab / 'rcd_modes.yaml')}\n"
        f"#   routes (mode): {_names(vocab / 'modes_of_action.yaml')} (categories: {', '.join(CATEGORIES)})\n"
        f"#   molecule roles: {' | '.join(ROLES)}\n"
        f"#   settings: {' | '.join(SETTINGS)}\n"
        f"#   msc_sources: {_names(vocab / 'msc_sources.yaml')}\n"
        f"- id: {slug}-c1\n"
        f"  study: {key}\n"
        "  evidence: abstract\n"
        "  demonstrated: true          # false if the abstract only suggests it\n"
        "  protects_malignant: false   # true if the rescued cells are malignant\n"
        "  msc_sources: []\n"
        "  rcd_modes: []\n"
        "  routes:\n"
        "    - {mode: undetermined, hedged: false}\n"
        "  molecules: []               # e.g. {term: miR-21, role: EV cargo, via: EV transfer}\n"
        "  pathways: []\n"
        "  contexts:\n"
        "    - setting: in vitro\n"
        "      target_cells: []\n"
        "      inducers: []\n"
        "      models: []\n"
        "  quotes: []                  # verbatim sentences of the abstract\n"
        "  notes: []\n",
        encoding="utf-8",
    )
    written.append(claims)
    return written
