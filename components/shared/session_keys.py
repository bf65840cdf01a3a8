"""Every session-state key the app uses, named in one place.

First the app's own state (not a widget's value), then one section per page naming its widget keys: a
widget passes `key=` one of these, so a test, a stylesheet (`st-key-…`) or a URL seed names the same key.
State several pages share is changed only through components/ui/session.py.
"""

UPLOADED_DATASET = "uploaded_dataset"  # Dataset: this session's validated upload, if any
ACTION_PLAN = "action_plan"  # list[str]: recommendation ids a team lead chose for their plan
ACTION_PLAN_DETAILS = "action_plan_details"  # DataFrame: owner, due date, first step, notes per item
ASSESSMENT_ANSWERS = "assessment_answers"  # dict[str, str]: self-assessment item id -> rating
PRESENT_REVEALED = "present_revealed"  # set[int]: prompt slides whose findings are shown
ROUTER_CHECKED = "router_checked"  # bool: this session's first run was checked for a legacy-mode deep link
SOURCE_INDEX = "source_index"  # citation.SourceIndex: the active dataset's source documents, set by page_start

# Page-local state that is not a widget's value (widget keys stay beside their widgets).
COMPARE_CLICKED_THEME = "compare_clicked_theme"  # str: theme of the bar just clicked, opens its dialog once
COMPARE_CLICKED_CELL = "compare_clicked_cell"  # tuple[str, str]: partner-matrix cell just picked, opens its dialog once
ASSESSMENT_CLICKED_THEME = "assessment_clicked_theme"  # str: score dot just picked, opens its passages once
NETWORK_OPEN_DIALOG = "network_open_dialog"  # bool: a node was just picked, so show its details dialog
YOUR_DATA_LAST_CHECK = "your_data_last_check"  # CheckResult: the last upload check, shown until the next
PRESENT_ROOM_SEEN = "present_room_seen"  # int: the room version this presenter or projector window last drew
YOUR_DATA_QDA_READ = "your_data_qda_read"  # QdaRead: the last QDA file read on your-data, and what came of it
VIEW_CACHE = "view_cache"  # view_cache.ViewStore: views of this session's uploaded dataset, built once per session

# Every chart with a phone_min_width (components/ui/charts.py): its key plus these name the box that scrolls
# sideways on a phone and the container inside it that keeps the width the chart needs.
CHART_PHONE_BOX_SUFFIX = "_phone_box"
CHART_PHONE_CANVAS_SUFFIX = "_phone_canvas"

# Phone layouts (components/ui/viewport.py): what the browser last said of its width, and its reporter.
VIEWPORT_PHONE = "viewport_phone"  # bool: the window is phone-narrow, so charts draw their phone layout
VIEWPORT_REPORTER = "viewport_reporter"  # component: reports the window's width when it crosses the line

# Present (pages/present.py, components/present/draw_single_window.py and draw_rooms.py). PRESENT_REVEALED and
# PRESENT_ROOM_SEEN above are its own state too. Widget keys: the page's stylesheets and the clicker script
# (components/present/draw_slides.py, draw_keys.py) find some of these by their `st-key-…` class.
PRESENT_JUMP = "present_jump"  # widget: the single window's jump list; its value is the current slide (0-based)
PRESENT_ROOM_JUMP = "present_jump_"  # widget key prefix: a room's jump list, a new one per room version
PRESENT_NOTES = "present_notes"  # widget: the single window's speaker-notes toggle
PRESENT_NOTES_SLOT = "present_notes_slot"  # container: where the single window's notes go (always there)
PRESENT_KEYS = "present_keys"  # widget: the single window's clicker-key listener
PRESENT_ROOM_KEYS = "present_room_keys"  # widget: a room window's clicker-key listener
PRESENT_RESULTS_KEYS = "present_results_keys"  # component: clicker keys in the projector while it shows answers
PRESENT_PREVIOUS = "present_previous"  # widget: Previous (single window and presenter)
PRESENT_NEXT = "present_next"  # widget: Next (single window and presenter)
PRESENT_REVEAL = "present_reveal"  # widget: a prompt's Show/Hide the findings button
PRESENT_PARTICIPANT_HANDOUT = "present_handout"  # widget: the participant handout's download
PRESENT_PRESENTER_HANDOUT = "present_presenter_handout"  # widget: the presenter handout's download
PRESENT_OPEN_ROOM = "present_open_room"  # widget: Presenter view (opens a room)
PRESENT_TIMER = "present_timer"  # widget: the presenter's timer
PRESENT_TIMER_RESTART = "present_timer_restart"  # widget: the timer's restart button
PRESENT_BLANK_TOGGLE = "present_blank_toggle"  # widget: Blank screen / Show the slide
PRESENT_LEAVE = "present_leave"  # widget: Leave the room, back to the single window
PRESENT_FULLSCREEN = "present_fullscreen_button"  # widget: the projector's full-screen button
# --- Recommendations planner (pages/recommendations.py): widget keys
RECOMMENDATIONS_AUDIENCE = "recommendations_audience"  # multiselect: audiences (URL "audience")
RECOMMENDATIONS_BARRIER = "recommendations_barrier"  # multiselect: finding ids addressed (URL "barrier")
RECOMMENDATIONS_ELEMENT = "recommendations_element"  # multiselect: the study's lens elements (URL "element")
RECOMMENDATIONS_QUERY = "recommendations_query"  # text input: the search (URL "q")
RECOMMENDATIONS_PAGE = "recommendations_page"  # selectbox: which page of results
RECOMMENDATIONS_PICK_PREFIX = "recommendations_pick_"  # + recommendation id: its "In my plan" checkbox
RECOMMENDATIONS_ADD_ALL = "recommendations_add_all"  # button: add every match to the plan
RECOMMENDATIONS_CLEAR_FILTERS = "recommendations_clear"  # button: clear the filters
RECOMMENDATIONS_REMOVE_CHOICE = "recommendations_remove_choice"  # selectbox: the plan item to take out
RECOMMENDATIONS_REMOVE = "recommendations_remove"  # button: take the chosen item out
RECOMMENDATIONS_EMPTY_PLAN = "recommendations_empty"  # button: clear the plan
RECOMMENDATIONS_PLAN_EDITOR_PREFIX = "recommendations_plan_editor_"  # + plan signature: the plan's data editor
RECOMMENDATIONS_DOWNLOAD_PREFIX = "recommendations_download_"  # + PlanDownload.key: a plan download button
RECOMMENDATIONS_EVIDENCE_PREFIX = "recommendations_evidence_"  # + recommendation id: its lazy evidence box
RECOMMENDATIONS_CITE_PREFIX = "recommendations_cite_"  # + "<position>_<recommendation id>": a quote's lazy Cite this

# --- Your data (pages/your-data.py): widget keys. Its own state is YOUR_DATA_LAST_CHECK and YOUR_DATA_QDA_READ.
YOUR_DATA_UPLOAD_PREFIX = "your_data_upload_"  # + file stem (findings, ...): a CSV uploader
YOUR_DATA_TEMPLATE_SUFFIX = "_template"  # after an uploader's key: its template's download button
YOUR_DATA_NAME = "your_data_name"  # text input: the uploaded study's name
YOUR_DATA_CHECK = "your_data_check"  # button: check and open the CSV files
YOUR_DATA_PROBLEMS_DOWNLOAD = "your_data_problems_download"  # download button: every problem as CSV
YOUR_DATA_QDA_UPLOAD = "your_data_qda_upload"  # file uploader: a QDA project or Taguette export
YOUR_DATA_QDA_CATEGORY_PREFIX = "your_data_qda_category_"  # + top-level code guid: its category selectbox
YOUR_DATA_QDA_GROUP = "your_data_qda_group"  # selectbox: where the groups to compare come from
YOUR_DATA_QDA_NAME = "your_data_qda_name"  # text input: the QDA study's name
YOUR_DATA_QDA_OPEN = "your_data_qda_open"  # button: open the mapped QDA study
# The study's details form (components/your_data/metadata.py), one per way in ("csv", "qda"):
YOUR_DATA_META_PREFIX = "your_data_meta_"  # + way in + "_" + MetadataForm field: one field of the form
YOUR_DATA_EXPORT_QDPX = "your_data_export_qdpx"  # download button: the open study as .qdpx
YOUR_DATA_EXPORT_QDC = "your_data_export_qdc"  # download button: the open study's codebook
YOUR_DATA_GUIDE_BOX = "your_data_guide_box"  # lazy expander: open state of the CSV rules and column guide
YOUR_DATA_QDA_RULES_BOX = "your_data_qda_rules_box"  # lazy expander: open state of what a QDA file must hold
YOUR_DATA_EXPORTS = "your_data_exports"  # container: the row of QDA export download buttons
# Compare page (pages/compare.py). Widget keys: the widgets own these values (seeded once from the URL).
COMPARE_LEFT = "compare_left"  # selectbox: the group on the left
COMPARE_RIGHT = "compare_right"  # selectbox: the group on the right
COMPARE_CATEGORY = "compare_category"  # segmented control: the category compared
COMPARE_THEME = "compare_theme"  # selectbox: the theme whose statements are shown (a bar click sets it too)
COMPARE_CELL = "compare_cell"  # selectbox: the partner-matrix cell whose statements are shown (a click sets it)
COMPARE_CHART = "compare_chart"  # plotly chart: the theme bars' selection
COMPARE_PARTNER_CHART = "compare_partners_chart"  # plotly chart: the partner matrix's selection
COMPARE_THEMES_TABLE = "compare_themes_table"  # dataframe: the theme chart's numbers
COMPARE_PARTNERS_TABLE = "compare_partners_table"  # dataframe: the partner matrix's numbers
COMPARE_THEMES_TABLE_BOX = "compare_themes_table_box"  # lazy expander: open state of the theme chart's table
COMPARE_PARTNERS_TABLE_BOX = "compare_partners_table_box"  # lazy expander: open state of the matrix's table
COMPARE_CHILDREN_CITE = "compare_children_cite"  # lazy popover: "Cite this" of the note on why children is 0
COMPARE_CONTROLS = "compare_controls"  # container: the row of group pickers and categories
COMPARE_NOTICE = "compare_notice"  # container: the note when there are not two groups (always there)
# Its non-widget keys, COMPARE_CLICKED_THEME and COMPARE_CLICKED_CELL, are named above with the page-local state.

# About page (pages/about.py).
ABOUT_GLOSSARY_FIND = "about_glossary_find"  # text input: the glossary filter
ABOUT_CITE_PREFIX = "about_cite_"  # widgets: a quote's lazy "Cite this" popover, the quote's place appended
ABOUT_BIBTEX = "about_bibtex"  # lazy expander: the study as a BibTeX entry
ABOUT_LENS_LINKS_PREFIX = "about_lens_links_"  # lazy expanders: an element's recommendations, its number appended
ABOUT_GLOSSARY = "about_glossary"  # container: the glossary (its key scopes the phone layout's CSS)

# Home page (pages/home.py).
HOME_CARDS = "home_cards"  # container: the "Where to go next" cards (its key scopes their CSS)
HOME_HEADLINES = "home_headlines"  # container: the headline findings' links (its key scopes their CSS)
HOME_FIGURES = "home_figures"  # container: the key figures, side by side
# Self-assessment page (pages/self-assessment.py). Widget keys; ASSESSMENT_ANSWERS and ASSESSMENT_CLICKED_THEME
# above are its non-widget state.
ASSESSMENT_RATING_PREFIX = "self_assessment_rating_"  # + item id: one radio per statement
ASSESSMENT_CLEAR = "self_assessment_clear"  # button: forget every rating
ASSESSMENT_AUDIENCE = "self_assessment_audience"  # selectbox: whose recommendations to show (URL "audience")
ASSESSMENT_CHART = "self_assessment_chart"  # plotly chart: a click on a score dot picks an area
ASSESSMENT_CHART_TABLE = "self_assessment_chart_table"  # dataframe: the chart's numbers
ASSESSMENT_CHART_TABLE_BOX = "self_assessment_chart_table_box"  # widget: the lazy box of the chart's numbers
ASSESSMENT_AREA = "self_assessment_area"  # selectbox: the area whose source passages are shown
ASSESSMENT_ADD_TO_PLAN = "self_assessment_add_to_plan"  # button: add the weakest areas' recommendations
ASSESSMENT_DOWNLOAD = "self_assessment_download"  # download button: the answers as CSV
ASSESSMENT_EARLIER = "self_assessment_earlier"  # file uploader: an earlier answers file to compare
ASSESSMENT_CHANGES_TABLE = "self_assessment_changes_table"  # dataframe: every statement, then and now
ASSESSMENT_SOURCE_PREFIX = "self_assessment_source_"  # + item id: its lazy "Where this comes from" box
ASSESSMENT_CITE_PREFIX = "self_assessment_cite_"  # + where it is + id: a lazy "Cite this" popover
ASSESSMENT_OTHER_AREA_PREFIX = "self_assessment_other_area_"  # + theme: the lazy box of an area not in focus
ASSESSMENT_REC_SOURCE_PREFIX = "self_assessment_rec_source_"  # + theme + id: a recommendation's source box
ASSESSMENT_AREA_BOX = "self_assessment_area_box"  # lazy expander: the picked area's source passages
ASSESSMENT_LAST_VIEWS = "self_assessment_last_views"  # dict: name -> (key, view) last built in this session
# Barriers network (pages/network.py): its widget and container keys. Its one non-widget key,
# NETWORK_OPEN_DIALOG, is with the page-local state above.
NETWORK_KINDS = "network_kinds"  # pills: the node kinds drawn
NETWORK_GROUPS = "network_groups"  # multiselect: the groups whose findings are drawn
NETWORK_AUDIENCES = "network_audiences"  # multiselect: the audiences whose recommendations are drawn
NETWORK_STATED_ONLY = "network_stated_only"  # toggle: hide the links this app inferred
NETWORK_GRAPH = "network_graph"  # plotly chart: its selection is the node just clicked
NETWORK_FOCUS = "network_focus"  # selectbox: the node in focus (a click on the graph sets it too)
NETWORK_CLEAR_FOCUS = "network_clear_focus"  # button: nothing in focus
NETWORK_FOCUS_PANEL = "network_focus_panel"  # container: the focused node's details under the graph
NETWORK_ADJACENCY = "network_adjacency"  # the text alternative's table of every link
NETWORK_ADJACENCY_BOX = "network_adjacency_box"  # lazy expander: opens the table of every link
NETWORK_COPY_BOX = "network_copy_box"  # lazy expander: the paths as text to copy, and their CSV
NETWORK_TRACE = "network_trace"  # selectbox: the barrier whose paths are listed
NETWORK_DOWNLOAD_PATHS = "network_download_paths"  # download button: the paths as CSV
NETWORK_LEVERS = "network_levers"  # dataframe: the levers table
NETWORK_PHONE_LAYOUT = "network_phone_layout"  # segmented control: on a phone, the links as a list or the graph
NETWORK_LINKS_LIST = "network_links_list"  # container: on a phone, the graph's links as a list
# Explore (pages/explore.py): its widgets and its own state.
EXPLORE_QUERY = "explore_query"  # widget: the search box; seeded from ?q=
EXPLORE_FACET_KEYS = {  # widgets: one facet picker each, seeded from ?kind=, ?group=, ...
    "kind": "explore_kind",
    "group": "explore_group",
    "category": "explore_category",
    "theme": "explore_theme",
    "basis": "explore_basis",
}
EXPLORE_CITE_PREFIX = "explore_cite_"  # widgets: a result card's "Cite this" popover, kind and id appended
EXPLORE_TRY_PREFIX = "explore_try_"  # widgets: "Search “…”" buttons of the empty state, the suggestion appended
EXPLORE_CLEAR = "explore_clear"  # widget: "Clear search" / "Clear the search and filters"
EXPLORE_DOWNLOAD = "explore_download"  # widget: the results' CSV download
EXPLORE_MORE = "explore_more"  # widget: "Show N more" results
EXPLORE_FACETS = "explore_facets"  # container: the facet pickers' row (its key scopes their widths' CSS)
EXPLORE_SUMMARY = "explore_summary"  # container: the results' count, clear and download row (its key scopes CSS)
EXPLORE_VIEW = "explore_view"  # str: the item id or search the explore page last wrote to the URL
EXPLORE_SIGNATURE = "explore_signature"  # tuple: the search and facets the result limit belongs to
EXPLORE_LIMIT = "explore_limit"  # int: how many search results are shown ("Show more" raises it)

# Keeping a plan or a self-assessment (components/keep): the private links made in this session, and buttons.
KEPT_LINKS = "kept_links"  # dict: kind ("plan", "assessment") -> the private link made last in this session
KEEP_PLAN = "keep_plan"  # button: keep the action plan and show its private link
KEEP_ASSESSMENT = "keep_assessment"  # button: keep the self-assessment's answers and show their private link
KEPT_NOTICE = "kept_notice"  # dict: kind -> (level, message) said once after a link was opened, or failed

# --- Published studies (components/ui/published.py: ?study=ID on any page; components/publish/draw.py: the
# owner's controls on your-data).
PUBLISHED_STUDY = "published_study"  # str: id of the published study this session reads (from ?study=)
PUBLISHED_RUN = "published_run"  # publish_view.Opened: what this run's ?study= opened, or why it did not
PUBLISHED_OWNED = "published_owned"  # tuple[str, str]: (id, owner token) of the study this session may change
PUBLISHED_NOTICE = "published_notice"  # str: what the last publish/owner action did, shown once
PUBLISH_LIFETIME = "publish_lifetime"  # selectbox: how long a new study stays published
PUBLISH_KEY = "publish_key"  # text input: the server's publishing key, when it needs one
PUBLISH_BUTTON = "publish_button"  # button: Publish
PUBLISHED_RETURN = "published_return"  # button: the banner's "Return to the bundled study"
PUBLISH_ATTEMPTS_ID = "publish_attempts_id"  # str: this session's random name for counting wrong keys and owner links
OWNER_LIFETIME = "published_owner_lifetime"  # selectbox: the owner's new expiry
OWNER_EXPIRY = "published_owner_expiry"  # button: change the expiry
OWNER_REPLACE = "published_owner_replace"  # button: replace the data with the study open now
OWNER_DELETE_CONFIRM = "published_owner_delete_confirm"  # checkbox: yes, delete it
OWNER_DELETE = "published_owner_delete"  # button: delete the published study

# The live room (pages/join.py, components/live_room/). Phone side:
LIVE_JOIN_CODE = "live_join_code"  # str: the join code this phone has joined (checked against the store)
LIVE_PARTICIPANT = "live_participant"  # str: this phone's random participant id when it has no cookie
LIVE_SEEN = "live_seen"  # tuple: what the phone last drew (question, revealed, locked), so its poll can tell
LIVE_RECEIVED = "live_received"  # str: the question id whose answer was just received ("Answer received")
LIVE_MESSAGE = "live_message"  # str: why the last join or answer was refused
LIVE_CODE_INPUT = "live_code_input"  # widget: the code typed on the phone
LIVE_JOIN_BUTTON = "live_join_button"  # widget: Join
LIVE_ANSWER_FORM = "live_answer_"  # widget key prefix: one answer form per question (+ its fields)
LIVE_URL_TRIED = "live_url_tried"  # str: the ?code= this session already tried (a wrong one is tried once)
LIVE_ROOM_DRAWN = "live_room_drawn"  # LiveRoom: the room a full run just drew, handed to its poll fragment
LIVE_ANSWERED = "live_answered"  # room.Answered: this phone's answer just written, for the run that follows
# Presenter side (components/live_room/draw_room.py):
LIVE_OPEN = "live_open"  # widget: Open to the room
LIVE_ASK_KIND = "live_ask_kind_"  # widget key prefix: what a prompt asks for (+ prompt id)
LIVE_REVEAL = "live_reveal"  # widget: Reveal / Hide the answers
LIVE_LOCK = "live_lock"  # widget: Lock / Unlock answers
LIVE_CLEAR = "live_clear"  # widget: Clear this question's answers
LIVE_SPOT_FORM = "live_spot_form"  # widget: the form that adds a question on the spot (+ _text, _kind)
LIVE_SPOT_OFF = "live_spot_off"  # widget: Back to the slides' questions
LIVE_MODERATE = "live_moderate_"  # widget key prefix: Approve/Reject a short answer (+ answer id)
LIVE_CSV = "live_csv"  # widget: the answers' CSV download
LIVE_PDF = "live_pdf"  # widget: the session's PDF summary
LIVE_DELETE = "live_delete"  # widget: Delete all answers now
LIVE_PANEL_OPEN = "live_panel_open"  # bool: the presenter window drew the live room as open
LIVE_PANEL_READ = "live_panel_read"  # (read, LiveRoom | None): the dock's read, handed to its panel fragment
LIVE_PROJECTOR_RESULTS = "live_projector_results"  # bool: the projector window drew results, not the slide
LIVE_DELETE_CONFIRM = "live_delete_confirm"  # widget: the tick that must be set before Delete all answers now
