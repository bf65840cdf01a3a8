"""The data format's vocabulary: the files a dataset is made of, the columns each must hold, the coded values
they may take and the limits an upload must keep to. Every other module of the loader reads its rules here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Limits for uploaded files: generous for a coded study, small enough to keep a session light.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_CELL_CHARS = 5_000
# A cell that a QDA tool wrote (a coded passage) or a server's own data folder holds: not typed by someone, so
# only bounded by what the csv module reads in one field (131,072 characters).
LONG_CELL_CHARS = 100_000
MAX_ROWS = 20_000
MAX_PROBLEMS_SHOWN = 50

CATEGORIES = ("purpose", "barrier", "enabler", "perception", "observation")
BASIS_VALUES = ("stated", "inferred")
# recommendations.csv's column naming the element of the study's lens a recommendation builds. Its values are
# the study's own (study.json's `lens` → `elements`, checked in lens.py), never a list written here.
LENS_COLUMN = "cop_element"
PARTNERS = ("clients", "families", "professionals", "MDT", "children")
# Link relations every page words the same way. Other relations (a QDA project's link names) are allowed and
# kept as written; these are matched whatever their case and spacing, so "Builds  On" is "builds on".
RELATIONS = ("overcomes", "addresses", "builds on")

FINDINGS_FILE = "findings.csv"
RECOMMENDATIONS_FILE = "recommendations.csv"
LINKS_FILE = "links.csv"
GLOSSARY_FILE = "glossary.csv"
CONTEXT_FILE = "context.csv"
PROMPTS_FILE = "prompts.csv"
ASSESSMENT_FILE = "assessment_items.csv"
STUDY_FILE = "study.json"

BUNDLED_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class TableSpec:
    """What one CSV file must hold: its required and optional columns and their rules."""

    file: str
    id_column: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Open vocabularies: known values are normalised like allowed ones, any other value is kept.
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


FINDINGS_SPEC = TableSpec(
    file=FINDINGS_FILE,
    id_column="finding_id",
    required=("finding_id", "group", "category", "theme", "statement"),
    optional=("evidence", "source", "detail", "partner", "basis", "theme_basis"),
    allowed={"category": CATEGORIES, "basis": BASIS_VALUES, "theme_basis": BASIS_VALUES},
)
RECOMMENDATIONS_SPEC = TableSpec(
    file=RECOMMENDATIONS_FILE,
    id_column="recommendation_id",
    required=("recommendation_id", "audience", "text"),
    optional=("evidence", "source", LENS_COLUMN, "basis"),
    allowed={"basis": BASIS_VALUES},
)
LINKS_SPEC = TableSpec(
    file=LINKS_FILE,
    id_column=None,
    required=("from_id", "to_id", "relation"),
    optional=("basis", "note"),
    allowed={"basis": BASIS_VALUES},
    vocabulary={"relation": RELATIONS},
)
GLOSSARY_SPEC = TableSpec(
    file=GLOSSARY_FILE, id_column="term", required=("term", "definition"), optional=("evidence", "source")
)
CONTEXT_SPEC = TableSpec(
    file=CONTEXT_FILE,
    id_column="context_id",
    required=("context_id", "title", "statement", "evidence", "source"),
    optional=(),
)
PROMPTS_SPEC = TableSpec(
    file=PROMPTS_FILE,
    id_column="prompt_id",
    required=("prompt_id", "question", "lens", "source"),
    optional=("related_ids", "evidence", "notes"),
)

ASSESSMENT_SPEC = TableSpec(
    file=ASSESSMENT_FILE,
    id_column="item_id",
    required=("item_id", "theme", "statement", "finding_id"),
    optional=("help",),
)

# Files a user may upload; the rest belong to the bundled study only.
UPLOADABLE_SPECS = (FINDINGS_SPEC, RECOMMENDATIONS_SPEC, LINKS_SPEC)
BUNDLED_ONLY_SPECS = (GLOSSARY_SPEC, CONTEXT_SPEC, PROMPTS_SPEC, ASSESSMENT_SPEC)


# The group of findings that holds for every group; listed last wherever groups are listed.
SHARED_GROUP = "All"
