"""Self-assessment: statements a team rates about itself, scores by theme, and the recommendations that
answer its weakest areas. Every module but `sections` is Streamlit-free and tested with plain pytest.

- scale: the rating scale, reading a typed rating, writing a score ("1.5 out of 2", never a percentage)
- items: the statements to rate (the dataset's own, or derived from barriers and enablers) and the notes on them
- score: ratings to theme scores, ranked weakest first
- recommendation_map: gaps to recommendations through `Dataset.link_index`, and why each one is there
- results: the page's results as plain data (areas, gaps, recommendations, the words around them)
- figure: the score chart, a click on it read back, its text alternative
- answers_file: the answers as a CSV to keep, and an earlier file read back
- changes: what changed since an earlier file
- sections: the page's sections drawn with Streamlit (pages/self-assessment.py wires them)
"""
