"""The Textual app: thin panes over the core and the renderer."""
