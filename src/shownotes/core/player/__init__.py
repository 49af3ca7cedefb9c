"""The live link to mpv, and what follows the playing time: pure Python, never imports textual.

Import from the modules (`player.mpv`, `player.events`, `player.timeline`, ...): this package file
stays empty so that asking whether a player is live (`player.command`) loads nothing else.
"""
