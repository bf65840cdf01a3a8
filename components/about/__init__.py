"""The About page: the study, its method, limits, glossary and the Communities of Practice lens."""
