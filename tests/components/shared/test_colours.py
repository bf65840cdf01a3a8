"""One colour, one meaning: group hues belong to groups; node kinds and self-assessment scores never use
them; every mark stands out from the background and every coloured text is readable."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from components.assessment import figure as assessment_figure
from components.data.load import load_dataset_dir
from components.network import figure as network
from components.shared import study_words
from components.shared.colours import (
    BACKGROUND,
    GROUP_COLOURS,
    KIND_COLOURS,
    MIN_HUE_GAP,
    MIN_MARK_CONTRAST,
    MIN_TEXT_CONTRAST,
    SCORE_COLOURS,
    SHARED_GROUP_COLOUR,
    contrast_ratio,
    group_colours,
    hue,
    hue_gap,
)

REPO = Path(__file__).resolve().parents[3]

GROUP_PALETTE = {"shared": SHARED_GROUP_COLOUR, **{f"group {n}": c for n, c in enumerate(GROUP_COLOURS)}}
# The two group hues: what the first and second group of any study are coloured.
FIRST_GROUP, SECOND_GROUP = GROUP_COLOURS[:2]
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
        for (name, colour), group in itertools.product(MEANING_PALETTES[palette].items(), GROUP_PALETTE):
            gap = hue_gap(colour, GROUP_PALETTE[group])
            assert gap is None or gap >= MIN_HUE_GAP, f"{palette} {name} is {gap:.0f}° from {group}'s hue"

    def test_no_colour_is_used_by_two_palettes(self):
        groups = set(GROUP_PALETTE.values())
        kinds, scores = set(KIND_COLOURS.values()), set(SCORE_COLOURS.values())
        assert not groups & kinds
        assert not groups & scores
        assert not kinds & scores
        assert len(kinds) == len(KIND_COLOURS)

    def test_other_groups_keep_to_the_group_hues(self):
        group_hues = [FIRST_GROUP, SECOND_GROUP]
        for colour in GROUP_COLOURS:
            assert min(hue_gap(colour, group) for group in group_hues) < 10, colour

    def test_scores_have_no_hue_and_the_study_groups_do(self):
        assert all(hue(colour) is None for colour in SCORE_COLOURS.values())
        assert hue(FIRST_GROUP) == pytest.approx(202, abs=1)
        assert hue(SECOND_GROUP) == pytest.approx(26, abs=1)
        assert hue(SHARED_GROUP_COLOUR) is None

    def test_pages_take_their_colours_from_here(self):
        assert SCORE_COLOURS["focus"] == assessment_figure.FOCUS_COLOUR
        assert SCORE_COLOURS["other"] == assessment_figure.OTHER_COLOUR
        assert network.KIND_COLOURS is KIND_COLOURS


class TestGroupColours:
    def test_the_bundled_study_keeps_its_colours_from_its_metadata(self):
        bundled = load_dataset_dir()
        assert [group.label for group in study_words.study_groups(bundled)] == ["MHSW", "CSW"]
        picked = group_colours(bundled.groups, study_words.group_order(bundled))
        assert picked == {"MHSW": "#0072B2", "CSW": "#D55E00", "All": "#4D4D4D"}

    def test_the_study_order_decides_not_the_label(self):
        # The same labels listed the other way round swap colours: no label owns a colour.
        assert group_colours(["MHSW", "CSW", "All"], ["CSW", "MHSW"]) == {
            "MHSW": SECOND_GROUP,
            "CSW": FIRST_GROUP,
            "All": SHARED_GROUP_COLOUR,
        }

    def test_without_metadata_the_data_order_decides(self):
        assert group_colours(["Nurses", "All", "Teachers"]) == {
            "Nurses": FIRST_GROUP,
            "All": SHARED_GROUP_COLOUR,
            "Teachers": SECOND_GROUP,
        }

    def test_groups_the_metadata_leaves_out_follow_those_it_lists(self):
        picked = group_colours(["Porters", "Nurses", "Teachers", "All"], ["Teachers", "Nurses", "Absent"])
        assert picked["Teachers"] == FIRST_GROUP
        assert picked["Nurses"] == SECOND_GROUP
        assert picked["Porters"] == GROUP_COLOURS[2]
        assert picked["All"] == SHARED_GROUP_COLOUR

    def test_every_group_gets_its_own_colour(self):
        picked = group_colours([f"Group {n}" for n in range(len(GROUP_COLOURS))] + ["All"])
        assert len(set(picked.values())) == len(GROUP_COLOURS) + 1


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
