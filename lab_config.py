# Loaded by `make lab`: notebooks are saved without live widget views (see book_ext/notebooks.py).
from book_ext.notebooks import pre_save_hook

c = get_config()  # noqa: F821
c.FileContentsManager.pre_save_hook = pre_save_hook
