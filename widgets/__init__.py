"""Models, figures and dashboards of the course "Why is a ceasefire so difficult?".

One module per topic. Models are pure numpy functions (seeded, validated, no plotting);
each topic module also builds its plotly figures from them; `widgets.explorable` turns a
figure function into a cell that is live in a kernel and static in the book.
"""
