"""Command line: turn a QDA project into a data folder the explorer opens, and a data folder back into one.

    python -m components.qda PROJECT.qdpx --out FOLDER
    EXPLORER_DATA_DIR=FOLDER streamlit run app.py
    python -m components.qda export FOLDER --out study.qdpx      (or --out codebook.qdc)

The guesses the page would show are used unless changed: `--group` names the case variable (or
`cases`, or `none`); `--category "Code name=barrier"` sets the category of one top-level code.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from components.data.load import load_dataset_dir
from components.data.model import DatasetError
from components.qda import read_qda_file
from components.qda.export import export_qdc, export_qdpx
from components.qda.folder import write_folder
from components.qda.mapping import CASE_NAME, CATEGORY_CHOICES, Mapping, group_choices, guess_mapping, mapping_summary
from components.qda.model import QdaProject, problem_text
from components.your_data import metadata  # the Your data page's form makes the same study.json
from components.your_data.qda_intake import study_details_prefill


def _mapping(project: QdaProject, group: str | None, categories: list[str]) -> Mapping:
    mapping = guess_mapping(project)
    chosen = dict(mapping.categories)
    by_name = {code.name.casefold(): code.guid for code in project.top_level_codes}
    for item in categories:
        name, _, category = item.rpartition("=")
        if name.strip().casefold() not in by_name or category.strip() not in CATEGORY_CHOICES:
            raise SystemExit(
                f"--category {item!r}: use 'Top-level code name=CATEGORY' with a top-level code of this project "
                f"and one of {', '.join(CATEGORY_CHOICES)}."
            )
        chosen[by_name[name.strip().casefold()]] = category.strip()
    group_by = mapping.group_by
    if group is not None:
        options = {
            label.split(": ", 1)[-1].rsplit(" (", 1)[0].casefold(): key for key, label in group_choices(project).items()
        }
        wanted = group.strip().casefold()
        if wanted == "none":
            group_by = None
        elif wanted == "cases" and CASE_NAME in group_choices(project):
            group_by = CASE_NAME
        elif wanted in options:
            group_by = options[wanted]
        else:
            raise SystemExit(f"--group {group!r}: not a case variable of this project (or 'cases', or 'none').")
    return Mapping(chosen, group_by)


def export_main(argv: list[str]) -> int:
    """`export FOLDER --out FILE`: the folder's dataset as a .qdpx project or a .qdc codebook."""
    parser = argparse.ArgumentParser(
        prog="python -m components.qda export",
        description="Write a data folder (findings.csv, …) as a REFI-QDA project (.qdpx) or codebook (.qdc).",
    )
    parser.add_argument("folder", type=Path, help="the data folder (as EXPLORER_DATA_DIR would name it)")
    parser.add_argument("--out", type=Path, required=True, help="the file to write: NAME.qdpx or NAME.qdc")
    arguments = parser.parse_args(argv)
    kind = arguments.out.suffix.lower()
    if kind not in (".qdpx", ".qdc"):
        print(f"--out {arguments.out}: name a .qdpx (the project) or a .qdc (the codebook).", file=sys.stderr)
        return 2
    if not (arguments.folder / "findings.csv").is_file():
        print(f"{arguments.folder}: not a data folder (it has no findings.csv).", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset_dir(arguments.folder)
    except DatasetError as error:
        for found in error.problems:
            print(str(found), file=sys.stderr)
        return 2
    if kind == ".qdc":
        data, notes = export_qdc(dataset), []
    else:
        data, notes = export_qdpx(dataset)
    arguments.out.write_bytes(data)
    for note in notes:
        print(note)
    print(f"Wrote {arguments.out} ({len(data):,} bytes) from {dataset.name}.")
    return 0


def write_study_metadata(project: QdaProject, out: Path) -> Path:
    """study.json beside the tables, as data/ has one: what the project itself names (its title, from the
    project's name or file name; its users as the authors and its description as the question, as the Your data
    page prefills them); the rest is left for the person to add, never guessed."""
    title = project.name.strip() or metadata.title_from_file_name(project.file_name) or out.name
    form = dataclasses.replace(study_details_prefill(project), title=title)
    return metadata.write_study_file(metadata.study_from_form(form), out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["export"]:
        return export_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m components.qda", description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a .qdpx, project.qde, .qdc or Taguette highlights .csv")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write")
    parser.add_argument("--group", help="the case variable that gives each statement its group, 'cases' or 'none'")
    parser.add_argument("--category", action="append", default=[], help="'Top-level code=category' (repeatable)")
    arguments = parser.parse_args(argv)
    try:
        raw = arguments.project.read_bytes()
    except OSError as error:
        print(f"{arguments.project}: cannot be read ({error.strerror}).", file=sys.stderr)
        return 2
    try:
        project = read_qda_file(arguments.project.name, raw)
        mapping = _mapping(project, arguments.group, arguments.category)
        written = write_folder(project, mapping, arguments.out)
        written.append(write_study_metadata(project, arguments.out))
    except DatasetError as error:
        for found in error.problems:
            print(problem_text(found), file=sys.stderr)
        return 2
    for line in mapping_summary(project, mapping):
        print(line)
    for note in project.notes:  # how positions were counted, repeated Taguette rows dropped, sources left out
        print(note)
    for code in project.top_level_codes:
        print(f"  {code.name} -> {mapping.categories[code.guid]}")
    print("Wrote " + ", ".join(path.name for path in written) + f" to {arguments.out}.")
    print(f"Open it: EXPLORER_DATA_DIR={arguments.out} streamlit run app.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
