"""The barriers network: what gets in the way, what helps, and the recommendations that answer them.

Plain modules, no Streamlit, each one job:
- kinds.py   -- the node kinds, their names, shapes and layers;
- graph.py   -- the networkx graph built from a dataset's findings, recommendations and link index, and its filters;
- layout.py  -- the deterministic layered layout (barycentre ordering) and a crossing count;
- paths.py   -- the chains from a barrier to what helps and to the recommendations;
- levers.py  -- enablers and recommendations ranked by the barriers they reach, with betweenness;
- text.py    -- words about the graph: a node's title and links, the paths as a list, the text alternative;
- figure.py  -- the plotly figure, in named parts (links, nodes, layer titles, axes);
- view.py    -- the page's view: everything above for one dataset and set of filters, built once.
Only render.py imports Streamlit: the page's widgets and the pieces it draws.

Layers: barriers and the other findings a link touches (perceptions, observations) on the left,
enablers ("what helps") in the middle, recommendations on the right.
"""
