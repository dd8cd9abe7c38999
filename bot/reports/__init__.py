"""Reading an article: the use case, the fetch+analyse runner and its process pool, the report repository."""
