// Static explorables in the book: native controls over precomputed plotly states (see book_ext/plotly_mime.py).
