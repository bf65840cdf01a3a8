"""Discussion prompts: one slide each, in file order, revealing the findings they name."""

from __future__ import annotations

import re

from components.data.load import load_dataset_dir
from components.data.model import Dataset
from components.present.deck import build_deck


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class TestPrompts:
    def test_one_prompt_slide_per_prompt_in_file_order(self, deck, bundled):
        prompts = [slide for slide in deck if slide.kind == "prompt"]
        assert [slide.lead for slide in prompts] == bundled.prompts["question"].tolist()
        assert [slide.part for slide in prompts] == list(range(1, len(prompts) + 1))

    def test_the_teaching_brief_lenses_are_all_there(self, bundled):
        lenses = " | ".join(bundled.prompts["lens"]).casefold()
        questions = " | ".join(bundled.prompts["question"]).casefold()
        for lens in ("professional identity", "tuckman", "bronstein", "relationship-based", "section 11"):
            assert lens in lenses
        assert "who does partnership and collaboration begin with" in questions

    def test_prompts_built_from_the_findings_compare_the_groups(self, bundled):
        comparing = bundled.prompts[bundled.prompts["question"].str.contains("Why might that be")]
        assert len(comparing) >= 2
        for related in comparing["related_ids"]:
            groups = set(bundled.findings.set_index("finding_id").loc[related.split()[:2], "group"])
            assert groups == {"MHSW", "CSW"}

    def test_reveal_holds_the_related_findings_and_recommendations(self, deck, bundled):
        prompts = {slide.title: slide for slide in deck if slide.kind == "prompt"}
        bronstein = prompts["Discuss: Bronstein's model"]
        assert [point.item_id for point in bronstein.reveal] == ["F016", "F030", "R12"]
        r12 = bronstein.reveal[2]
        assert r12.label == "For Mental Health in Families team"
        assert r12.text == bundled.recommendations.set_index("recommendation_id").loc["R12", "text"]

    def test_unknown_related_ids_are_skipped(self):
        dataset = load_dataset_dir()
        prompts = dataset.prompts.copy()
        prompts.loc[0, "related_ids"] = "F001 NOPE F002"
        changed = Dataset(**{**dataset.__dict__, "prompts": prompts})
        first = next(slide for slide in build_deck(changed) if slide.kind == "prompt")
        assert [point.item_id for point in first.reveal] == ["F001", "F002"]

    def test_a_long_reveal_keeps_what_fits_and_counts_the_rest(self):
        dataset = load_dataset_dir()
        prompts = dataset.prompts.copy()
        prompts.loc[0, "related_ids"] = " ".join(dataset.findings["finding_id"])
        prompts.loc[0, "question"] = "Why? " * 60
        changed = Dataset(**{**dataset.__dict__, "prompts": prompts})
        first = next(slide for slide in build_deck(changed) if slide.kind == "prompt")
        assert 1 <= len(first.reveal) < len(dataset.findings)
        assert first.more == len(dataset.findings) - len(first.reveal)

    def test_every_prompt_passage_is_word_for_word_from_a_seed(self, bundled, seed_documents):
        seeds = fold(" ".join(path.read_text(encoding="utf-8") for path in seed_documents))
        for prompt_id, evidence in zip(bundled.prompts["prompt_id"], bundled.prompts["evidence"], strict=True):
            assert evidence, f"{prompt_id} has no passage"
            assert fold(evidence) in seeds, prompt_id

    def test_a_prompt_shows_its_passage_and_source_and_only_its_own_source_until_revealed(self, deck):
        prompt = next(slide for slide in deck if slide.kind == "prompt")
        assert prompt.quotes[0].source == prompt.sources[0]
        assert prompt.shown_sources(revealed=False) == prompt.sources
        revealed = prompt.shown_sources(revealed=True)
        assert all(point.source in revealed for point in prompt.reveal)
