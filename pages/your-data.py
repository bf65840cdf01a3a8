"""Your data: upload a coded study in the bundled format or straight from a QDA tool, see every problem at
once, open it on every page, and take the open study back to a QDA tool.

Uploads are checked by the same loader as the bundled study. They live in this session's state only:
the bytes are read from the uploader in memory and never written to disk.
"""

import streamlit as st

from components.data import upload
from components.data.access import bundled_dataset, use_uploaded_dataset
from components.data.exports import safe_csv_bytes
from components.data.load import build_dataset
from components.data.model import DatasetError
from components.qda import QDA_FILE_TYPES, QDA_UPLOAD_LIMIT_MB, intake
from components.qda.mapping import CATEGORY_CHOICES
from components.qda.model import problem_text
from components.text import escape_markdown
from components.ui import frame as ui
from components.ui import view_cache
from components.ui.session_keys import YOUR_DATA_QDA_READ

# The CSV uploaders' own limit: the server-wide one is raised for .qdpx projects only.
CSV_UPLOAD_LIMIT_MB = 5

dataset = ui.page_start(
    "Use your own coded data",
    "Run this explorer on your own study: open the project your QDA tool exports (.qdpx, or Taguette's "
    "highlights), or fill in the templates in a spreadsheet and upload them as CSV. Every page then shows "
    "your data, in this browser session only. [From a QDA tool? Start here.](#or-open-a-project-from-your-qda-tool)",
)

if dataset.is_bundled:
    st.markdown(f"**Showing now:** the bundled study, {escape_markdown(dataset.name)}.")
else:
    st.markdown(
        f"**Showing now:** your data, {escape_markdown(dataset.name)}. Use the button at the top to go back "
        "to the bundled study."
    )


def _template_files(bundled) -> dict[str, bytes]:
    examples = upload.template_examples(bundled)
    return {slot.file: upload.template_bytes(slot.spec, examples[slot.file]) for slot in upload.UPLOAD_SLOTS}


# The three templates are built once per server from the bundled study (components.ui.view_cache), not every run.
templates = view_cache.view(bundled_dataset(), "upload templates", _template_files)
st.subheader("1. Download a template, fill it in, upload it")
uploads = {}
for slot in upload.UPLOAD_SLOTS:
    with st.container(border=True):
        about, drop = st.columns([5, 6], gap="large", vertical_alignment="center")
        need = "required" if slot.required else "optional"
        about.markdown(f"#### {slot.file} :gray-badge[{need}]\n{slot.purpose}")
        about.download_button(
            f"{slot.file} template",
            data=templates[slot.file],
            file_name=slot.file,
            mime="text/csv",
            icon=":material/download:",
            key=f"{slot.key}_template",
        )
        uploads[slot.file] = drop.file_uploader(
            f"Your {slot.file}",
            key=slot.key,
            max_upload_size=CSV_UPLOAD_LIMIT_MB,
            help=f"A CSV file in the format of the template. {'Needed.' if slot.required else 'Optional.'}",
        )

with st.expander("What each file must hold, and the rules the check applies"):
    for rule in upload.upload_rules():
        st.markdown(f"- {rule}")
    for slot in upload.UPLOAD_SLOTS:
        st.markdown(f"**{slot.file}**")
        st.table(upload.column_guide(slot.spec), hide_index=True, border="horizontal")

st.subheader("2. Check it and open it")
findings_upload = uploads[upload.UPLOAD_SLOTS[0].file]
typed_name = st.text_input(
    "A name for your study (shown at the top of every page)",
    key="your_data_name",
    max_chars=80,
    placeholder=upload.default_dataset_name(findings_upload.name if findings_upload else None),
)
name = upload.clean_dataset_name(typed_name, findings_upload.name if findings_upload else None)
present = {file: (item.name, item.size, item.file_id) if item else None for file, item in uploads.items()}
current = upload.fingerprint(present, name)

if st.button(
    "Check and open my data",
    type="primary",
    icon=":material/fact_check:",
    disabled=findings_upload is None,
    help="findings.csv is needed first." if findings_upload is None else None,
    key="your_data_check",
):
    file_names = {file: item.name for file, item in uploads.items() if item is not None}
    files = {file: item.getvalue() for file, item in uploads.items() if item is not None}
    try:
        checked = build_dataset(files, name=name)
    except DatasetError as error:
        st.session_state[upload.CHECK_STATE_KEY] = upload.CheckResult(
            current, False, tuple(error.problems), tuple(error.notes), file_names, name
        )
    else:
        use_uploaded_dataset(checked)
        st.session_state[upload.CHECK_STATE_KEY] = upload.CheckResult(
            current, True, (), checked.notes, file_names, name, upload.dataset_summary(checked)
        )
        # Rerun so the banner at the top of this page names the new dataset too.
        st.rerun()

result = st.session_state.get(upload.CHECK_STATE_KEY)
if findings_upload is None:
    st.markdown("Add **findings.csv** to check your data. The other two files are optional.")
elif result is None or result.fingerprint != current:
    st.markdown("Press **Check and open my data** to check these files.")
    result = None

if result is not None:
    if result.ok:
        st.success(
            f"**{escape_markdown(result.dataset_name)} is open on every page.** {escape_markdown(result.summary)}",
            icon=":material/check_circle:",
        )
        links = st.columns(3)
        links[0].page_link("pages/home.py", label="See it on the home page", icon=":material/home:")
        links[1].page_link("pages/explore.py", label="Explore your findings", icon=":material/search:")
        links[2].page_link("pages/compare.py", label="Compare your groups", icon=":material/compare:")
    else:
        count = len(result.problems)
        st.error(
            f"**{count:,} problem{'s' if count != 1 else ''} to fix.** Nothing has changed: you are still viewing "
            f"{escape_markdown(dataset.name)}. Fix the files, upload them again and press Check.",
            icon=":material/error:",
        )
    for note in result.notes:
        st.info(escape_markdown(note), icon=":material/info:")
    if not result.ok:
        groups, hidden = upload.group_problems(result.problems, result.file_names)
        for group in groups:
            own_name = group.user_file_name
            mine = f" (your file: {escape_markdown(own_name)})" if own_name and own_name != group.file else ""
            plural = "s" if group.total != 1 else ""
            st.markdown(f"#### {escape_markdown(group.file)}: {group.total:,} problem{plural}{mine}")
            st.markdown(
                "\n".join(
                    f"- **{escape_markdown(upload.problem_location(problem))}:** {escape_markdown(problem.message)}"
                    for problem in group.shown
                )
            )
        if hidden:
            st.markdown(f"**… and {hidden:,} more.** Download the full list to fix them in one pass.")
        st.download_button(
            "Download every problem (CSV)",
            data=safe_csv_bytes(upload.problems_frame(result.problems)),
            file_name="problems.csv",
            mime="text/csv",
            icon=":material/download:",
            key="your_data_problems_download",
        )

st.subheader("Or open a project from your QDA tool")
st.markdown(
    "Export your project from ATLAS.ti, MAXQDA, NVivo, QualCoder or any tool that writes **REFI\\-QDA** "
    f"(.qdpx, up to {QDA_UPLOAD_LIMIT_MB} MB), or Taguette's highlights (.csv, up to 2 MB). Check how the codes map "
    "to the explorer, change what it guessed, then open it."
)
qda_upload = st.file_uploader(
    "Your QDA project (.qdpx, project.qde) or Taguette highlights (.csv)",
    type=list(QDA_FILE_TYPES),
    key="your_data_qda_upload",
    max_upload_size=QDA_UPLOAD_LIMIT_MB,
    help="Read in memory in this session only; nothing is saved on the server.",
)
with st.expander("What a QDA file must hold, and how it maps"):
    for rule in intake.qda_rules():
        st.markdown(f"- {escape_markdown(rule)}")

qda_read = None
if qda_upload is not None:
    fingerprint = (qda_upload.name, qda_upload.size, qda_upload.file_id)
    qda_read = st.session_state.get(YOUR_DATA_QDA_READ)
    if qda_read is None or qda_read.fingerprint != fingerprint:
        with st.spinner("Reading the project…"):
            qda_read = intake.read_upload(fingerprint, qda_upload.name, qda_upload.getvalue())
        st.session_state[YOUR_DATA_QDA_READ] = qda_read

if qda_read is not None and qda_read.project is None:
    count = len(qda_read.problems)
    st.error(
        f"**{escape_markdown(qda_read.file_name)} cannot be opened: {count:,} problem{'s' if count != 1 else ''}.** "
        f"Nothing has changed: you are still viewing {escape_markdown(dataset.name)}.",
        icon=":material/error:",
    )
    st.markdown("\n".join(f"- {escape_markdown(problem_text(problem))}" for problem in qda_read.problems[:50]))
elif qda_read is not None:
    project = qda_read.project
    st.markdown("#### How your codes map to the explorer")
    categories = {}
    # Two a row: a codebook's top-level codes fit a projector's first view.
    category_columns = st.columns(2)
    for number, choice in enumerate(intake.category_choices(project)):
        categories[choice.guid] = category_columns[number % 2].selectbox(
            choice.label,
            CATEGORY_CHOICES,
            index=choice.index,
            format_func=intake.category_label,
            key=choice.key,
        )
    group_options, group_labels, group_index = intake.group_options(project)
    group_by = st.selectbox(
        "Groups to compare come from",
        group_options,
        index=group_index,
        format_func=group_labels.get,
        key="your_data_qda_group",
        help="A case variable (such as role or team). A source in no case is in the group 'All'.",
    )
    qda_name = st.text_input(
        "A name for your study (shown at the top of every page)",
        key="your_data_qda_name",
        max_chars=80,
        placeholder=project.name,
    )
    mapping = intake.chosen_mapping(project, categories, group_by)
    for line in intake.summary_lines(project, mapping):
        st.markdown(escape_markdown(line))
    for note in qda_read.notes:
        st.info(escape_markdown(note), icon=":material/info:")
    if st.button("Open this study", type="primary", icon=":material/login:", key="your_data_qda_open"):
        qda_read, opened = intake.open_project(qda_read, mapping, intake.study_name(qda_name, project))
        st.session_state[YOUR_DATA_QDA_READ] = qda_read
        if opened is not None:
            use_uploaded_dataset(opened)
            # Rerun so the banner at the top of this page names the new dataset too.
            st.rerun()
    if qda_read.opened_name and qda_read.opened_with != mapping:
        st.markdown("You changed the mapping: press **Open this study** to open it with these choices.")
    elif qda_read.opened_name:
        st.success(
            f"**{escape_markdown(qda_read.opened_name)} is open on every page.** "
            f"{escape_markdown(qda_read.opened_summary)}",
            icon=":material/check_circle:",
        )
        for note in qda_read.opened_notes:
            st.info(escape_markdown(note), icon=":material/info:")
        qda_links = st.columns(3)
        qda_links[0].page_link("pages/home.py", label="See it on the home page", icon=":material/home:")
        qda_links[1].page_link("pages/explore.py", label="Explore your findings", icon=":material/search:")
        qda_links[2].page_link("pages/compare.py", label="Compare your groups", icon=":material/compare:")
    if qda_read.open_problems:
        st.error(
            f"**The study could not be opened.** Nothing has changed: you are still viewing "
            f"{escape_markdown(dataset.name)}.",
            icon=":material/error:",
        )
        st.markdown("\n".join(f"- {escape_markdown(str(problem))}" for problem in qda_read.open_problems[:50]))

st.subheader("Take this study to your QDA tool")
stem = intake.export_file_stem(dataset)
st.markdown(
    f"Download {escape_markdown(dataset.name)} as a REFI\\-QDA project or codebook. In the project, each source "
    "document is a text holding the evidence quoted from it; each finding is a coded selection of that text "
    "(named with its statement), themes are codes under their category, groups are cases with a *group* "
    "variable, and links keep their basis in a note."
)
for note in intake.export_notes(dataset):
    st.info(escape_markdown(note), icon=":material/info:")
export_columns = st.columns(2)
export_columns[0].download_button(
    "Download as a REFI-QDA project (.qdpx)",
    # Built once per dataset (milliseconds) and sent as a file, not on click: a deferred download's reply
    # sometimes never reached a busy browser.
    data=view_cache.view(dataset, "qdpx export", intake.qdpx_bytes),
    file_name=f"{stem}.qdpx",
    mime="application/zip",
    icon=":material/download:",
    key="your_data_export_qdpx",
)
export_columns[1].download_button(
    "Download the codebook (.qdc)",
    data=view_cache.view(dataset, "qdc export", intake.qdc_bytes),
    file_name=f"{stem}.qdc",
    mime="application/xml",
    icon=":material/download:",
    key="your_data_export_qdc",
)

ui.page_end(dataset)
