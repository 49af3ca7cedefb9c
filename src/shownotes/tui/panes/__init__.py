"""The app's panes: each owns its widget state and posts messages up."""
