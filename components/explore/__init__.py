"""Explore: search over findings, recommendations and context, with facets, result pages and linked items."""
