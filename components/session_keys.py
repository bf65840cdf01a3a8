"""Every session-state key the app uses, named in one place.

Widget keys are set beside their widgets (`key="compare_groups"`); these are the app's own state.
"""

UPLOADED_DATASET = "uploaded_dataset"  # Dataset: this session's validated upload, if any
ACTION_PLAN = "action_plan"  # list[str]: recommendation ids a team lead chose for their plan
ACTION_PLAN_DETAILS = "action_plan_details"  # DataFrame: owner, due date, first step, notes per item
ASSESSMENT_ANSWERS = "assessment_answers"  # dict[str, str]: self-assessment item id -> rating
PRESENT_REVEALED = "present_revealed"  # set[int]: prompt slides whose findings are shown
ROUTER_CHECKED = "router_checked"  # bool: this session's first run was checked for a legacy-mode deep link
