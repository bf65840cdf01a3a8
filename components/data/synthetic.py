"""Synthetic coded datasets, any multiple of the bundled study's size, for the benchmark and load tests.

Pure and deterministic: the same scale and seed give byte-identical files. The files have the shape
of an upload (findings, recommendations, links) and pass `components.data.load.build_dataset`.
Every statement says it is synthetic: these rows are never shown as the study's findings.

Proportions follow the bundled study: per unit of scale 35 findings (9 observations, 9 purposes,
7 perceptions, 6 barriers, 4 enablers), 15 recommendations and 40 links (10 "overcomes",
23 "addresses", 7 "builds on"). Ids keep the study's style (F001, R01), so they grow a digit past
F999 and R99.

`synthetic_graph_dataset` is another shape, for the network at scale: exactly so many barriers, enablers
and recommendations joined by exactly so many links.
"""

from __future__ import annotations

import csv
import io
import random

from components.data.load import build_dataset
from components.data.model import Dataset
from components.data.vocabulary import (
    FINDINGS_FILE,
    FINDINGS_SPEC,
    LINKS_FILE,
    LINKS_SPEC,
    PARTNERS,
    RECOMMENDATIONS_FILE,
    RECOMMENDATIONS_SPEC,
    SHARED_GROUP,
)

FINDINGS_PER_SCALE = 35
# Synthetic data has no study and so no lens: its recommendations name no element (the loader would set them
# aside, components/data/lens.py). One of these is still drawn per recommendation, and dropped, so every seed
# gives the same rows it gave when they were written.
LENS_ELEMENTS = ("mutual engagement", "joint enterprise", "shared repertoire")
RECOMMENDATIONS_PER_SCALE = 15
LINKS_PER_SCALE = 40

# Category mix of one unit of scale, as in the bundled study.
CATEGORY_MIX = (("observation", 9), ("purpose", 9), ("perception", 7), ("barrier", 6), ("enabler", 4))
# Relation mix of one unit of scale, as in the bundled study.
RELATION_MIX = (("overcomes", 10), ("addresses", 23), ("builds on", 7))

# Several groups, one with non-ASCII text, and the shared group last.
GROUPS = ("MHSW", "CSW", "Health visitors", "École staff", SHARED_GROUP)
AUDIENCES = (
    "the Local Authority as an organisation",
    "Mental Health in Families team",
    "Children's social care",
    "Mental Health social workers",
    "Schools & nurseries",
)
THEMES_PER_SCALE = 7
WORDS = (
    "referral",
    "supervision",
    "thresholds",
    "handover",
    "caseload",
    "trust",
    "families",
    "meetings",
    "roles",
    "systems",
    "language",
    "culture",
    "time",
    "risk",
    "records",
    "training",
)


def finding_id(number: int) -> str:
    return f"F{number:03d}"


def recommendation_id(number: int) -> str:
    return f"R{number:02d}"


def csv_bytes(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    """Rows as a plain CSV file, the way a user's upload arrives (cells a row lacks are left blank)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _phrase(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length))


def _findings(scale: int, rng: random.Random) -> list[dict[str, str]]:
    themes = [
        f"Synthetic theme {number}: {WORDS[number % len(WORDS)]}" for number in range(1, THEMES_PER_SCALE * scale + 1)
    ]
    rows: list[dict[str, str]] = []
    number = 0
    for _ in range(scale):
        categories = [category for category, count in CATEGORY_MIX for _ in range(count)]
        rng.shuffle(categories)
        for category in categories:
            number += 1
            inferred = rng.random() < 0.1
            evidence = (
                "" if inferred else f"Synthetic quote {number}: we talked about {_phrase(rng, rng.randint(4, 18))}."
            )
            rows.append(
                {
                    "finding_id": finding_id(number),
                    "group": rng.choice(GROUPS),
                    "category": category,
                    "theme": rng.choice(themes),
                    "theme_basis": rng.choice(("stated", "inferred")),
                    "statement": f"Synthetic {category} {number} about {_phrase(rng, rng.randint(5, 14))}.",
                    "evidence": evidence,
                    "source": f"Synthetic benchmark data, block {(number - 1) // FINDINGS_PER_SCALE + 1}",
                    "detail": _phrase(rng, 3) if rng.random() < 0.25 else "",
                    "partner": rng.choice(PARTNERS) if rng.random() < 0.35 else "",
                    "basis": "inferred" if inferred else "stated",
                }
            )
    return rows


def _recommendations(scale: int, rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for number in range(1, RECOMMENDATIONS_PER_SCALE * scale + 1):
        text = f"Synthetic recommendation {number}: improve {_phrase(rng, rng.randint(4, 16))}."
        # Drawn in the order they always were (audience, evidence, element, basis): same seed, same rows.
        audience = rng.choice(AUDIENCES)
        evidence = text if rng.random() < 0.7 else ""
        rng.choice(LENS_ELEMENTS)
        rows.append(
            {
                "recommendation_id": recommendation_id(number),
                "audience": audience,
                "text": text,
                "evidence": evidence,
                "source": "Synthetic benchmark data",
                "basis": rng.choice(("stated", "inferred")),
            }
        )
    return rows


def _links(
    scale: int, findings: list[dict[str, str]], recommendations: list[dict[str, str]], rng: random.Random
) -> list[dict[str, str]]:
    """Links that follow the study's rules: enabler→barrier overcomes, recommendation→enabler builds on,
    recommendation→barrier/perception/observation addresses. No pair appears twice."""
    by_category: dict[str, list[str]] = {}
    for row in findings:
        by_category.setdefault(row["category"], []).append(row["finding_id"])
    recommendation_ids = [row["recommendation_id"] for row in recommendations]
    addressable = by_category["barrier"] + by_category["perception"] + by_category["observation"]
    sources_targets = {
        "overcomes": (by_category["enabler"], by_category["barrier"]),
        "addresses": (recommendation_ids, addressable),
        "builds on": (recommendation_ids, by_category["enabler"]),
    }
    seen: set[tuple[str, str]] = set()
    rows: list[dict[str, str]] = []
    for relation, count in RELATION_MIX:
        sources, targets = sources_targets[relation]
        made = 0
        while made < count * scale:
            pair = (rng.choice(sources), rng.choice(targets))
            if pair in seen:
                continue
            seen.add(pair)
            made += 1
            rows.append(
                {
                    "from_id": pair[0],
                    "to_id": pair[1],
                    "relation": relation,
                    "basis": "inferred",
                    "note": f"Synthetic link: {_phrase(rng, 4)}.",
                }
            )
    rng.shuffle(rows)
    return rows


def synthetic_dataset_files(scale: int, seed: int) -> dict[str, bytes]:
    """findings.csv, recommendations.csv and links.csv, `scale` times the bundled study's size.

    Scale 1 gives 35 findings, 15 recommendations and 40 links; scale 100 gives 3,500, 1,500 and 4,000.
    """
    if not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a whole number of 1 or more, not {scale!r}")
    rng = random.Random(seed)
    findings = _findings(scale, rng)
    recommendations = _recommendations(scale, rng)
    links = _links(scale, findings, recommendations, rng)
    return {
        FINDINGS_FILE: csv_bytes(FINDINGS_SPEC.columns, findings),
        RECOMMENDATIONS_FILE: csv_bytes(RECOMMENDATIONS_SPEC.columns, recommendations),
        LINKS_FILE: csv_bytes(LINKS_SPEC.columns, links),
    }


def synthetic_graph_dataset(n_nodes: int, n_edges: int, seed: int) -> Dataset:
    """A valid dataset of exactly `n_nodes` barriers, enablers and recommendations and `n_edges` links.

    Built through the one loader, like an upload. Two fifths barriers, one fifth enablers, two
    fifths recommendations; links follow the study's rules and no pair repeats. Statements say they
    are synthetic, so none can pass for the study's words.
    """
    if n_nodes < 5:
        raise ValueError("n_nodes must be at least 5")
    rng = random.Random(seed)
    n_barriers = max(1, n_nodes * 2 // 5)
    n_enablers = max(1, n_nodes // 5)
    n_recommendations = n_nodes - n_barriers - n_enablers
    groups = ("MHSW", "CSW", "Health visitors", SHARED_GROUP)
    audiences = ("Managers", "Practitioners", "The organisation")
    findings, recommendations, links = [], [], []
    for number in range(1, n_barriers + n_enablers + 1):
        category = "barrier" if number <= n_barriers else "enabler"
        findings.append(
            {
                "finding_id": f"S{number:04d}",
                "group": rng.choice(groups),
                "category": category,
                "theme": f"Synthetic theme {number % 12}",
                "statement": f"Synthetic {category} {number}",
                "evidence": f"Synthetic quote {number}",
                "source": "Synthetic test data",
            }
        )
    for number in range(1, n_recommendations + 1):
        recommendations.append(
            {
                "recommendation_id": f"SR{number:04d}",
                "audience": rng.choice(audiences),
                "text": f"Synthetic recommendation {number}",
                "basis": "stated",
            }
        )
    barriers = [row["finding_id"] for row in findings[:n_barriers]]
    enablers = [row["finding_id"] for row in findings[n_barriers:]]
    recommendation_ids = [row["recommendation_id"] for row in recommendations]
    choices = [
        ("overcomes", enablers, barriers),
        ("addresses", recommendation_ids, barriers),
        ("builds on", recommendation_ids, enablers),
    ]
    capacity = len(enablers) * len(barriers) + len(recommendation_ids) * (len(barriers) + len(enablers))
    if n_edges > capacity:
        raise ValueError(f"at most {capacity} distinct links fit {n_nodes} nodes")
    seen: set[tuple[str, str]] = set()
    while len(links) < n_edges:
        relation, sources, targets = rng.choice(choices)
        pair = (rng.choice(sources), rng.choice(targets))
        if pair in seen:
            continue
        seen.add(pair)
        links.append(
            {
                "from_id": pair[0],
                "to_id": pair[1],
                "relation": relation,
                "basis": rng.choice(("stated", "inferred")),
                "note": f"Synthetic link {len(links) + 1}",
            }
        )
    files = {
        FINDINGS_FILE: csv_bytes(FINDINGS_SPEC.columns, findings),
        RECOMMENDATIONS_FILE: csv_bytes(RECOMMENDATIONS_SPEC.columns, recommendations),
        LINKS_FILE: csv_bytes(LINKS_SPEC.columns, links),
    }
    return build_dataset(files, name=f"synthetic graph ({n_nodes} nodes, {n_edges} links)")
