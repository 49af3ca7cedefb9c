"""One note: reading its file, the one markdown-it parser with its plugins, and what a parse finds."""
