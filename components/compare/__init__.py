"""What the Compare page shows: two groups' themes side by side, who each says collaboration is with,
and the statements behind a theme. Plain functions (DataFrame in, DataFrame or figure out), no Streamlit
outside `evidence_view`.

Counts are counts of coded statements (rows of findings.csv), never of people. Statements made about
every social worker (the shared group "All") are common ground: they get their own panel and are
never added to either group's count.

- `labels`: which groups can be picked, the default pair, the words for categories and panels;
- `themes`: coded statements per theme for each group (ThemeComparison) and the statements behind a theme;
- `partners`: the partner matrix and what one of its cells counts;
- `figures`: the theme bars and the partner grid;
- `text_alternatives`: the table and sentences under each chart;
- `view`: the page's whole view for one category and pair, built once (components.ui.view_cache keeps it);
- `evidence_view`: the Streamlit pieces that draw statements, dialogs and chart-click callbacks.
"""

from components.compare.figures import (
    EMPTY_CELL,
    MAX_CHART_THEMES,
    PROJECTOR_CHART_HEIGHT,
    partner_figure,
    text_colour_on,
    theme_figure,
)
from components.compare.labels import (
    CATEGORY_LABELS,
    COMMON_GROUND,
    category_label,
    chosen_groups,
    comparable_groups,
    default_pair,
    panel_label,
)
from components.compare.partners import (
    NO_PARTNER,
    PARTNER_CATEGORY,
    PartnerCell,
    cell_from_selection,
    cell_label,
    children_all_zero,
    children_observation,
    matrix_cells,
    partner_cell,
    partner_columns,
    partner_matrix,
)
from components.compare.text_alternatives import partner_summary, partner_table, theme_summary, theme_table
from components.compare.themes import (
    ThemeComparison,
    compare_themes,
    other_groups_with_statements,
    theme_from_selection,
    theme_statements,
)

__all__ = [
    "CATEGORY_LABELS",
    "COMMON_GROUND",
    "EMPTY_CELL",
    "MAX_CHART_THEMES",
    "NO_PARTNER",
    "PARTNER_CATEGORY",
    "PROJECTOR_CHART_HEIGHT",
    "PartnerCell",
    "ThemeComparison",
    "category_label",
    "cell_from_selection",
    "cell_label",
    "children_all_zero",
    "children_observation",
    "chosen_groups",
    "comparable_groups",
    "compare_themes",
    "default_pair",
    "matrix_cells",
    "other_groups_with_statements",
    "panel_label",
    "partner_cell",
    "partner_columns",
    "partner_figure",
    "partner_matrix",
    "partner_summary",
    "partner_table",
    "text_colour_on",
    "theme_figure",
    "theme_from_selection",
    "theme_statements",
    "theme_summary",
    "theme_table",
]
