"""The sidebar: channel -> episode -> note -> sections, expanded lazily so 20,000 notes stay cheap."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..core.grouping import Channel, Episode
from ..core.note import Note
from ..core.outline import Section
from .messages import OpenNote


@dataclass(frozen=True)
class NodeRef:
    kind: str  # channel | episode | note | section
    channel: int
    episode: int | None = None
    rel: str | None = None
    section: int | None = None


class Sidebar(Tree[NodeRef]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]
    HELP = "Channels, episodes, notes and their sections. Enter opens; Space expands."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Library", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.channels: list[Channel] = []
        self._notes: dict[str, TreeNode[NodeRef]] = {}
        self._where: dict[str, tuple[int, int | None]] = {}
        self._open_rel: str | None = None
        self._marked: TreeNode[NodeRef] | None = None
        self._sections: dict[str, list[Section]] = {}
        self._by_rel: dict[str, Note] = {}

    @property
    def marked_section(self) -> int | None:
        """The section shown as being read."""
        return self._marked.data.section if self._marked is not None and self._marked.data else None

    def note_node(self, rel: str) -> TreeNode[NodeRef] | None:
        return self._notes.get(rel)

    def set_channels(self, channels: list[Channel]) -> None:
        self.channels = channels
        self.clear()
        self._notes, self._where, self._marked = {}, {}, None
        self._by_rel = {note.rel: note for channel in channels for note in channel.notes}
        for c, channel in enumerate(channels):
            for e, episode in enumerate(channel.episodes):
                for note in episode.notes:
                    self._where[note.rel] = (c, e)
            for note in channel.pages:
                self._where[note.rel] = (c, None)
            count = len(channel.episodes)
            label = Text(channel.name, style="bold")
            label.append(f"  {count} episode{'s' if count != 1 else ''}", style="dim")
            self.root.add(label, NodeRef("channel", c), allow_expand=True)
        if len(channels) == 1:
            self.root.children[0].expand()
            self._populate(self.root.children[0])

    # -- lazy children -----------------------------------------------------------------

    def _populate(self, node: TreeNode[NodeRef]) -> None:
        ref = node.data
        if ref is None or node.children:
            return
        if ref.kind == "channel":
            channel = self.channels[ref.channel]
            for e, episode in enumerate(channel.episodes):
                if len(episode.notes) == 1:
                    self._add_note(node, episode.notes[0], ref.channel, e, episode)
                else:
                    label = Text(episode.title)
                    label.append(f"  {len(episode.notes)} notes", style="dim")
                    node.add(label, NodeRef("episode", ref.channel, e), allow_expand=True)
            for page in channel.pages:
                self._add_note(node, page, ref.channel, None, None)
        elif ref.kind == "episode" and ref.episode is not None:
            episode = self.channels[ref.channel].episodes[ref.episode]
            for note in episode.notes:
                self._add_note(node, note, ref.channel, ref.episode, None)
        elif ref.kind == "note" and ref.rel in self._sections:
            self._add_sections(node, ref.rel)

    def _add_note(self, parent: TreeNode[NodeRef], note: Note, c: int, e: int | None, episode: Episode | None) -> None:
        label = self._note_label(note, episode)
        node = parent.add(label, NodeRef("note", c, e, note.rel), allow_expand=True)
        self._notes[note.rel] = node

    def _note_label(self, note: Note, episode: Episode | None) -> Text:
        label = Text(note.title, style="bold" if note.rel == self._open_rel else "")
        if note.video_id is None:
            label.append("  no video", style="dim italic")
        if note.warnings or note.error:
            label.append("  ⚠", style="bold yellow")
        return label

    def _add_sections(self, node: TreeNode[NodeRef], rel: str) -> None:
        ref = node.data
        assert ref is not None
        for section in self._sections.get(rel, ()):
            if section.level == 0 and not section.text.strip() and not section.timestamps:
                continue
            node.add_leaf(_section_label(section, False), NodeRef("section", ref.channel, ref.episode, rel, section.index))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self._populate(event.node)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref.rel is None:
            return
        event.stop()
        self.post_message(OpenNote(ref.rel, section=ref.section if ref.kind == "section" else None))

    # -- following the reader ----------------------------------------------------------

    def reveal(self, rel: str, sections: list[Section]) -> None:
        """Expand the path to the open note, list its sections, put the cursor on it."""
        previous = self._notes.get(self._open_rel or "")
        self._open_rel = rel
        self._sections = {rel: sections}
        self._marked = None
        if previous is not None and previous.data is not None and previous.data.rel != rel:
            previous.remove_children()
            previous.collapse()
            previous.set_label(self._plain_label(previous))
        where = self._where.get(rel)
        if where is None:
            return
        c, e = where
        channel_node = self.root.children[c]
        channel_node.expand()
        self._populate(channel_node)
        node = self._notes.get(rel)
        if node is None and e is not None:
            episode_node = next((n for n in channel_node.children if n.data and n.data.kind == "episode" and n.data.episode == e), None)
            if episode_node is not None:
                episode_node.expand()
                self._populate(episode_node)
                node = self._notes.get(rel)
        if node is None:
            return
        node.set_label(self._plain_label(node))
        node.remove_children()
        self._add_sections(node, rel)
        node.expand()
        if not self.has_focus:
            self.move_cursor(node)

    def _plain_label(self, node: TreeNode[NodeRef]) -> Text:
        ref = node.data
        note = self._by_rel.get(ref.rel or "") if ref else None
        return self._note_label(note, None) if note else node.label

    def mark_section(self, rel: str, section: int) -> None:
        """Show which section is being read (without moving the cursor while the tree has focus)."""
        node = self._notes.get(rel)
        sections = {s.index: s for s in self._sections.get(rel, ())}
        if node is None:
            return
        target = next((child for child in node.children if child.data and child.data.section == section), None)
        if target is self._marked:
            return
        if self._marked is not None and self._marked.data is not None:
            old = sections.get(self._marked.data.section or 0)
            if old is not None:
                self._marked.set_label(_section_label(old, False))
        self._marked = target
        if target is not None and section in sections:
            target.set_label(_section_label(sections[section], True))
            if not self.has_focus:
                self.move_cursor(target)


def _section_label(section: Section, reading: bool) -> Text:
    title = "(opening)" if section.level == 0 else (section.title or "(untitled)")
    indent = "  " * max(0, section.level - 2)
    if reading:
        return Text(f"{indent}▸ {title}", style="bold reverse")
    return Text(f"{indent}  {title}")
