"""Every session-state key the app uses, named in one place.

Widget keys are set beside their widgets (`key="compare_groups"`); these are the app's own state.
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
EXPLORE_VIEW = "explore_view"  # str: the item id or search the explore page last wrote to the URL
EXPLORE_SIGNATURE = "explore_signature"  # tuple: the search and facets the result limit belongs to
EXPLORE_LIMIT = "explore_limit"  # int: how many search results are shown ("Show more" raises it)
