"""Build machinery that knows nothing of councils: the build cache, worker processes and the
output folder's safe writer and manifest."""
