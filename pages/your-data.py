"""Your data: upload a coded study in the bundled format, see every problem at once, or open it on every page.

The upload is checked by the same loader as the bundled study. It lives in this session's state only:
the bytes are read from the uploader in memory and never written to disk.
"""

import streamlit as st

from components import ui, upload
from components.data_access import bundled_dataset, use_uploaded_dataset
from components.dataset import DatasetError, build_dataset
from components.exports import safe_csv_bytes
from components.text import escape_markdown

dataset = ui.page_start(
    "Use your own coded data",
    "Run this explorer on your own study: download the templates, fill them in a spreadsheet, save them as "
    "CSV and upload them here. Every page then shows your data, in this browser session only.",
)

if dataset.is_bundled:
    st.markdown(f"**Showing now:** the bundled study, {escape_markdown(dataset.name)}.")
else:
    st.markdown(
        f"**Showing now:** your data, {escape_markdown(dataset.name)}. Use the button at the top to go back "
        "to the bundled study."
    )

examples = upload.template_examples(bundled_dataset())
st.subheader("1. Download a template, fill it in, upload it")
uploads = {}
for slot in upload.UPLOAD_SLOTS:
    with st.container(border=True):
        about, drop = st.columns([5, 6], gap="large", vertical_alignment="center")
        need = "required" if slot.required else "optional"
        about.markdown(f"#### {slot.file} :gray-badge[{need}]\n{slot.purpose}")
        about.download_button(
            f"{slot.file} template",
            data=upload.template_bytes(slot.spec, examples[slot.file]),
            file_name=slot.file,
            mime="text/csv",
            icon=":material/download:",
            key=f"{slot.key}_template",
        )
        uploads[slot.file] = drop.file_uploader(
            f"Your {slot.file}",
            key=slot.key,
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

ui.page_end(dataset)
