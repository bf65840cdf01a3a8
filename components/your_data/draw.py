"""What the your-data page draws: the CSV uploaders and their check, the QDA import and the QDA export.

Streamlit lives here, logic does not: checking, sentences and problem lists come from components/your_data/upload.py
and components/your_data/qda_intake.py (tested without Streamlit). Uploads are read from the uploaders in memory and
never written to disk; a checked dataset is opened through components.data.access.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from components.data.exports import safe_csv_bytes
from components.data.model import Dataset, DatasetError, Study
from components.qda import QDA_FILE_TYPES, QDA_UPLOAD_LIMIT_MB
from components.qda.mapping import CATEGORY_CHOICES
from components.shared.session_keys import (
    YOUR_DATA_CHECK,
    YOUR_DATA_EXPORT_QDC,
    YOUR_DATA_EXPORT_QDPX,
    YOUR_DATA_EXPORTS,
    YOUR_DATA_GUIDE_BOX,
    YOUR_DATA_META_PREFIX,
    YOUR_DATA_NAME,
    YOUR_DATA_PROBLEMS_DOWNLOAD,
    YOUR_DATA_QDA_GROUP,
    YOUR_DATA_QDA_NAME,
    YOUR_DATA_QDA_OPEN,
    YOUR_DATA_QDA_READ,
    YOUR_DATA_QDA_RULES_BOX,
    YOUR_DATA_QDA_UPLOAD,
)
from components.shared.text import escape_markdown
from components.ui import view_cache
from components.ui.access import bundled_dataset, use_uploaded_dataset
from components.ui.lazy import lazy_expander
from components.your_data import metadata, upload
from components.your_data import qda_intake as intake

# The CSV uploaders' own limit: the server-wide one is raised for .qdpx projects only.
CSV_UPLOAD_LIMIT_MB = 5


def _template_files(bundled: Dataset) -> dict[str, bytes]:
    examples = upload.template_examples(bundled)
    return {slot.file: upload.template_bytes(slot.spec, examples[slot.file]) for slot in upload.UPLOAD_SLOTS}


# Declared once: the templates are built once per server from the bundled study, the exports once per dataset.
template_files = view_cache.cached_view(_template_files)
qdpx_bytes = view_cache.cached_view(intake.qdpx_bytes)
qdc_bytes = view_cache.cached_view(intake.qdc_bytes)


def opened_links() -> None:
    """Where to go once a study is open."""
    columns = st.columns(3)
    columns[0].page_link("pages/home.py", label="See it on the home page", icon=":material/home:")
    columns[1].page_link("pages/explore.py", label="Explore your findings", icon=":material/search:")
    columns[2].page_link("pages/compare.py", label="Compare your groups", icon=":material/compare:")


def _show_notes(notes: Iterable[str]) -> None:
    for note in notes:
        st.info(escape_markdown(note), icon=":material/info:")


def server_study_notes(dataset: Dataset) -> None:
    """What the loader noted on the server's own study (a lens's elements set aside, rows left out), shown as an
    upload's notes are: plain text, escaped, never HTML. Nothing for an upload, or a study read without a note."""
    notes = upload.server_study_notes(dataset)
    if notes:
        st.markdown(upload.SERVER_NOTES_LEAD)
        _show_notes(notes)


# ---------------------------------------------------------------------------------------------
# 1 and 2: CSV files in the bundled format


def csv_uploads() -> dict:
    """A template download and an uploader per file; returns each slot's upload (None when empty)."""
    # The templates are built once per server from the bundled study (components.ui.view_cache), not every run.
    templates = template_files(bundled_dataset())
    st.subheader("1. Download a template, fill it in, upload it")
    uploads = {}
    for slot in upload.UPLOAD_SLOTS:
        # One bordered row per file: a horizontal container costs two elements fewer than a box of columns.
        with st.container(border=True, horizontal=True, gap="large", vertical_alignment="center"):
            about = st.container()
            need = "required" if slot.required else "optional"
            about.markdown(f"#### {slot.file} :gray-badge[{need}]\n{slot.purpose}")
            about.download_button(
                f"{slot.file} template",
                data=templates[slot.file],
                file_name=slot.file,
                mime="text/csv",
                icon=":material/download:",
                key=slot.template_key,
            )
            uploads[slot.file] = st.file_uploader(
                f"Your {slot.file}",
                key=slot.key,
                max_upload_size=CSV_UPLOAD_LIMIT_MB,
                help=f"A CSV file in the format of the template. {'Needed.' if slot.required else 'Optional.'}",
            )
    # Built only while open (components.ui.lazy): closed, its rules and tables were a third of the first view.
    guide = lazy_expander("What each file must hold, and the rules the check applies", key=YOUR_DATA_GUIDE_BOX)
    if guide:
        with guide:
            st.markdown("\n".join(f"- {rule}" for rule in upload.upload_rules()))
            for slot in upload.UPLOAD_SLOTS:
                st.markdown(f"**{slot.file}**")
                st.table(upload.column_guide(slot.spec), hide_index=True, border="horizontal")
    return uploads


def check_and_open(dataset: Dataset, uploads: dict) -> None:
    """Name the study, press Check: the loader's verdict, and the study opened on every page when it passed."""
    st.subheader("2. Check it and open it")
    findings_upload = uploads[upload.UPLOAD_SLOTS[0].file]
    findings_name = findings_upload.name if findings_upload else None
    typed_name = st.text_input(
        "A name for your study (shown at the top of every page)",
        key=YOUR_DATA_NAME,
        max_chars=80,
        placeholder=upload.default_dataset_name(findings_name),
    )
    name = upload.clean_dataset_name(typed_name, findings_name)
    present = {file: (item.name, item.size, item.file_id) if item else None for file, item in uploads.items()}
    current = upload.fingerprint(present, name)
    # Prefilled from the file's name only: a default that changed as the name is typed would reset the field.
    details = metadata_form("csv", metadata.prefill(metadata.title_from_file_name(findings_name)), name)
    if st.button(
        "Check and open my data",
        type="primary",
        icon=":material/fact_check:",
        disabled=findings_upload is None,
        help="findings.csv is needed first." if findings_upload is None else None,
        key=YOUR_DATA_CHECK,
    ):
        files = {file: (item.name, item.getvalue()) for file, item in uploads.items() if item is not None}
        # A fault in the study's details (shown with the form) keeps the files unchecked and the study closed.
        result, checked = upload.check_files(files, name, current, details) if details else (None, None)
        st.session_state[upload.CHECK_STATE_KEY] = result
        if checked is not None:
            use_uploaded_dataset(checked)
            # Rerun so the banner at the top of this page names the new dataset too.
            st.rerun()
    result = st.session_state.get(upload.CHECK_STATE_KEY)
    if findings_upload is None:
        st.markdown(upload.next_step(has_findings=False))
    elif result is None or result.fingerprint != current:
        st.markdown(upload.next_step(has_findings=True))
        return
    if result is None:
        return
    if result.ok:
        st.success(upload.opened_message(result.dataset_name, result.summary), icon=":material/check_circle:")
        opened_links()
    else:
        st.error(upload.problems_message(len(result.problems), dataset.name), icon=":material/error:")
    _show_notes(result.notes)
    if not result.ok:
        problem_list(result)


def problem_list(result: upload.CheckResult) -> None:
    """Problems by file, the first fifty, and every one of them as a CSV to fix in one pass."""
    groups, hidden = upload.group_problems(result.problems, result.file_names)
    for group in groups:
        heading, lines = upload.group_markdown(group)
        st.markdown(heading)
        st.markdown(lines)
    if hidden:
        st.markdown(upload.more_problems(hidden))
    st.download_button(
        "Download every problem (CSV)",
        data=safe_csv_bytes(upload.problems_frame(result.problems)),
        file_name="problems.csv",
        mime="text/csv",
        icon=":material/download:",
        key=YOUR_DATA_PROBLEMS_DOWNLOAD,
    )


# ---------------------------------------------------------------------------------------------
# A project from a QDA tool


def qda_import(dataset: Dataset) -> None:
    """Upload a QDA file, read it once, show how its codes map, open it with the choices made."""
    # The heading in the same Markdown as its text: one element, and the same anchor the intro's link jumps to.
    st.markdown(
        "### Or open a project from your QDA tool\n"
        "Export your project from ATLAS.ti, MAXQDA, NVivo, QualCoder or any tool that writes **REFI\\-QDA** "
        f"(.qdpx, up to {QDA_UPLOAD_LIMIT_MB} MB), or Taguette's highlights (.csv, up to 2 MB). Check how the codes "
        "map to the explorer, change what it guessed, then open it."
    )
    qda_upload = st.file_uploader(
        "Your QDA project (.qdpx, project.qde) or Taguette highlights (.csv)",
        type=list(QDA_FILE_TYPES),
        key=YOUR_DATA_QDA_UPLOAD,
        max_upload_size=QDA_UPLOAD_LIMIT_MB,
        help="Read in memory in this session only; nothing is saved on the server.",
    )
    rules = lazy_expander("What a QDA file must hold, and how it maps", key=YOUR_DATA_QDA_RULES_BOX)
    if rules:
        with rules:
            st.markdown("\n".join(f"- {escape_markdown(rule)}" for rule in intake.qda_rules()))
    if qda_upload is None:
        return
    fingerprint = (qda_upload.name, qda_upload.size, qda_upload.file_id)
    read = st.session_state.get(YOUR_DATA_QDA_READ)
    if read is None or read.fingerprint != fingerprint:
        with st.spinner("Reading the project…"):
            read = intake.read_upload(fingerprint, qda_upload.name, qda_upload.getvalue())
        st.session_state[YOUR_DATA_QDA_READ] = read
    if read.project is None:
        st.error(intake.read_failed_message(read, dataset.name), icon=":material/error:")
        st.markdown(intake.read_problem_lines(read))
    else:
        qda_mapping(dataset, read)


def qda_mapping(dataset: Dataset, read: intake.QdaRead) -> None:
    project = read.project
    st.markdown("#### How your codes map to the explorer")
    categories = {}
    # Two a row: a codebook's top-level codes fit a projector's first view.
    category_columns = st.columns(2)
    for number, choice in enumerate(intake.category_choices(project)):
        categories[choice.guid] = category_columns[number % 2].selectbox(
            choice.label, CATEGORY_CHOICES, index=choice.index, format_func=intake.category_label, key=choice.key
        )
    group_options, group_labels, group_index = intake.group_options(project)
    group_by = st.selectbox(
        "Groups to compare come from",
        group_options,
        index=group_index,
        format_func=group_labels.get,
        key=YOUR_DATA_QDA_GROUP,
        help="A case variable (such as role or team). A source in no case is in the group 'All'.",
    )
    typed_name = st.text_input(
        "A name for your study (shown at the top of every page)",
        key=YOUR_DATA_QDA_NAME,
        max_chars=80,
        placeholder=project.name,
    )
    mapping = intake.chosen_mapping(project, categories, group_by)
    for line in intake.summary_lines(project, mapping):
        st.markdown(escape_markdown(line))
    _show_notes(read.notes)
    details = metadata_form("qda", intake.study_details_prefill(project), intake.study_name(typed_name, project))
    # A fault in the study's details (shown with the form) keeps the study closed, as a fault in the project does.
    if st.button("Open this study", type="primary", icon=":material/login:", key=YOUR_DATA_QDA_OPEN) and details:
        read, opened = intake.open_project(read, mapping, intake.study_name(typed_name, project), details)
        st.session_state[YOUR_DATA_QDA_READ] = read
        if opened is not None:
            use_uploaded_dataset(opened)
            # Rerun so the banner at the top of this page names the new dataset too.
            st.rerun()
    if intake.mapping_changed(read, mapping):
        st.markdown("You changed the mapping: press **Open this study** to open it with these choices.")
    elif read.opened_name:
        st.success(upload.opened_message(read.opened_name, read.opened_summary), icon=":material/check_circle:")
        _show_notes(read.opened_notes)
        opened_links()
    if read.open_problems:
        st.error(
            f"**The study could not be opened.** {upload.not_changed(dataset.name)}",
            icon=":material/error:",
        )
        st.markdown(intake.open_problem_lines(read))


# ---------------------------------------------------------------------------------------------
# The open study, out to a QDA tool


def qda_export(dataset: Dataset) -> None:
    stem = intake.export_file_stem(dataset)
    st.markdown(
        "### Take this study to your QDA tool\n"
        f"Download {escape_markdown(dataset.name)} as a REFI\\-QDA project or codebook. In the project, each source "
        "document is a text holding the evidence quoted from it; each finding is a coded selection of that text "
        "named with its id (its statement in a note), themes are codes under their category, groups are cases "
        "with a *group* variable, and links keep their basis in a note. Opened here again, it gives the same "
        "study, ids included."
    )
    _show_notes(intake.export_notes(dataset))
    exports = st.container(key=YOUR_DATA_EXPORTS, horizontal=True, gap="medium")
    exports.download_button(
        "Download as a REFI-QDA project (.qdpx)",
        # Built once per dataset (milliseconds) and sent as a file, not on click: a deferred download's reply
        # sometimes never reached a busy browser.
        data=qdpx_bytes(dataset),
        file_name=f"{stem}.qdpx",
        mime="application/zip",
        icon=":material/download:",
        key=YOUR_DATA_EXPORT_QDPX,
    )
    exports.download_button(
        "Download the codebook (.qdc)",
        data=qdc_bytes(dataset),
        file_name=f"{stem}.qdc",
        mime="application/xml",
        icon=":material/download:",
        key=YOUR_DATA_EXPORT_QDC,
    )


def metadata_form(way_in: str, start: metadata.MetadataForm, study_name: str) -> Study | None:
    """The study's details, asked before it opens (components/your_data/metadata.py), prefilled (`start`) with
    what the project or file names: its title, and a QDA project's users and description; a blank title is the
    study's name as typed above. The Study they make, or None (the faults shown) when a field is at fault."""
    values = {}
    with st.container(border=True):
        st.markdown(
            "**The study's details.** Every citation, chart image, handout and “Cite this” uses them; "
            "leave blank what the study does not give."
        )
        for field_name, label, several_lines, help_text in metadata.FORM_FIELDS:
            widget = st.text_area if several_lines else st.text_input
            values[field_name] = widget(
                label,
                value=getattr(start, field_name),
                key=f"{YOUR_DATA_META_PREFIX}{way_in}_{field_name}",
                max_chars=metadata.MAX_CHARS * (4 if several_lines else 1),
                help=help_text,
            )
    if not values["title"].strip():
        values["title"] = study_name
    try:
        return metadata.study_from_form(metadata.MetadataForm(**values))
    except DatasetError as error:
        st.error(
            "The study's details need a change before it opens:\n\n"
            + "\n".join(f"- {escape_markdown(problem.message)}" for problem in error.problems)
        )
        return None
