"""The home page: the question, key figures, points to note, the three influences and where to go next."""
