"""One colour, one meaning: group hues belong to groups; node kinds and self-assessment scores never use
them; every mark stands out from the background and every coloured text is readable."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from components.assessment import figure as assessment_figure
from components.network import figure as network
from components.shared import colours
from components.shared.colours import (
    BACKGROUND,
    FIXED_GROUP_COLOURS,
    KIND_COLOURS,
    MIN_HUE_GAP,
    MIN_MARK_CONTRAST,
    MIN_TEXT_CONTRAST,
    OTHER_GROUP_COLOURS,
    SCORE_COLOURS,
    contrast_ratio,
    group_colours,
    hue,
    hue_gap,
)

REPO = Path(__file__).resolve().parents[3]

GROUP_PALETTE = {**FIXED_GROUP_COLOURS, **{f"other {n}": c for n, c in enumerate(OTHER_GROUP_COLOURS)}}
MEANING_PALETTES = {"kind": KIND_COLOURS, "score": SCORE_COLOURS}


class TestContrast:
    def test_the_ratio_matches_wcag_reference_values(self):
        assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
        assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
        # WebAIM's checker gives 4.54:1 for #767676 on white, the lightest grey that passes for text.
        assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
        assert contrast_ratio("#777777", "#FFFFFF") < MIN_TEXT_CONTRAST

    @pytest.mark.parametrize(
        ("name", "colour"),
        [*GROUP_PALETTE.items(), *KIND_COLOURS.items(), *(("score " + k, v) for k, v in SCORE_COLOURS.items())],
    )
    def test_every_mark_stands_out_from_the_background(self, name, colour):
        assert contrast_ratio(colour, BACKGROUND) >= MIN_MARK_CONTRAST, name

    @pytest.mark.parametrize(("name", "colour"), SCORE_COLOURS.items())
    def test_score_colours_are_readable_as_text(self, name, colour):
        # The score chart writes each score ("1.5 out of 2") in its dot's colour.
        assert contrast_ratio(colour, BACKGROUND) >= MIN_TEXT_CONTRAST, name


class TestOneMeaningPerColour:
    @pytest.mark.parametrize("palette", MEANING_PALETTES)
    def test_kind_and_score_colours_share_no_hue_with_the_group_colours(self, palette):
        for (name, colour), group in itertools.product(MEANING_PALETTES[palette].items(), FIXED_GROUP_COLOURS):
            gap = hue_gap(colour, FIXED_GROUP_COLOURS[group])
            assert gap is None or gap >= MIN_HUE_GAP, f"{palette} {name} is {gap:.0f}° from {group}'s hue"

    def test_no_colour_is_used_by_two_palettes(self):
        groups = set(GROUP_PALETTE.values())
        kinds, scores = set(KIND_COLOURS.values()), set(SCORE_COLOURS.values())
        assert not groups & kinds
        assert not groups & scores
        assert not kinds & scores
        assert len(kinds) == len(KIND_COLOURS)

    def test_other_groups_keep_to_the_group_hues(self):
        group_hues = [FIXED_GROUP_COLOURS["MHSW"], FIXED_GROUP_COLOURS["CSW"]]
        for colour in OTHER_GROUP_COLOURS:
            assert min(hue_gap(colour, group) for group in group_hues) < 10, colour

    def test_scores_have_no_hue_and_the_study_groups_do(self):
        assert all(hue(colour) is None for colour in SCORE_COLOURS.values())
        assert hue(FIXED_GROUP_COLOURS["MHSW"]) == pytest.approx(202, abs=1)
        assert hue(FIXED_GROUP_COLOURS["CSW"]) == pytest.approx(26, abs=1)

    def test_pages_take_their_colours_from_here(self):
        assert SCORE_COLOURS["focus"] == assessment_figure.FOCUS_COLOUR
        assert SCORE_COLOURS["other"] == assessment_figure.OTHER_COLOUR
        assert network.KIND_COLOURS is KIND_COLOURS


class TestGroupColours:
    def test_the_study_groups_keep_their_colours(self):
        assert group_colours(["CSW", "All", "MHSW"]) == FIXED_GROUP_COLOURS

    def test_an_uploaded_study_takes_the_group_hues_first(self):
        assert group_colours(["Nurses", "Teachers"]) == {"Nurses": "#0072B2", "Teachers": "#D55E00"}

    def test_other_groups_never_repeat_a_fixed_groups_colour(self):
        picked = group_colours(["MHSW", "Nurses", "CSW", "Teachers"])
        assert len(set(picked.values())) == 4
        assert picked["Nurses"] not in (colours.FIXED_GROUP_COLOURS["MHSW"], colours.FIXED_GROUP_COLOURS["CSW"])


def test_badges_carry_no_colour_meaning_of_their_own():
    """Streamlit's coloured badges would give blue, orange or violet a second meaning beside the groups' and the
    network kinds': every badge in the app is grey and says what it marks in words (and an icon)."""
    coloured = re.compile(r":(?:blue|orange|red|green|violet|rainbow|primary)-badge\[")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("components", "pages")
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if coloured.search(line)
    ]
    assert offenders == []
