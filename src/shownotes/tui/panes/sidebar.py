"""The sidebar: channel -> episode -> note -> sections, expanded lazily so 20,000 notes stay cheap."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.library import Library
from ...core.notes.note import Note
from ...core.notes.outline import Section
from ...core.places import OpenRequest, section_place
from ..messages import OpenNote


@dataclass(frozen=True)
class NodeRef:
    kind: str  # channel | episode | note | section
    channel: str
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
    PANE_NAME = "Library"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Library", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.library: Library | None = None
        self._channels: dict[str, TreeNode[NodeRef]] = {}
        self._notes: dict[str, TreeNode[NodeRef]] = {}
        self._open_rel: str | None = None
        self._marked: TreeNode[NodeRef] | None = None
        self._sections: list[Section] = []
        self._episode_titles: dict[str, str] = {}  # rel -> its video's title, for single-note episodes

    @property
    def marked_section(self) -> int | None:
        """The section shown as being read."""
        return self._marked.data.section if self._marked is not None and self._marked.data else None

    def note_node(self, rel: str) -> TreeNode[NodeRef] | None:
        return self._notes.get(rel)

    def process_label(self, label: str | Text) -> Text:
        # Labels here are one-line Text already (names are sanitised); Tree's own split of each costs
        # more than the rest of adding the node.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """Labels longer than the pane end with `…` instead of being cut."""
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if 0 < room < label.cell_len:
            label.truncate(room, overflow="ellipsis")
        return label

    def set_library(self, library: Library) -> None:
        """Show (or show again, after the library changed) every channel: collapsed, but for those the
        reader had open (a note deleted or added does not fold the whole tree)."""
        opened = {name for name, node in self._channels.items() if node.is_expanded}
        self.library = library
        self.clear()
        self._channels, self._notes, self._marked = {}, {}, None
        names = library.channel_names()
        self._episode_titles = {}
        for name in names:
            size = library.channel_size(name)
            label = Text("Library pages" if name == library.pages_channel else name, style="bold")
            label.append(f"  {size} note{'s' if size != 1 else ''}", style="dim")
            self._channels[name] = self.root.add(label, NodeRef("channel", name), allow_expand=True)
        for name in names:
            if len(names) == 1 or name in opened:
                self._populate(self._channels[name])
                self._channels[name].expand()

    # -- lazy children -----------------------------------------------------------------

    def _populate(self, node: TreeNode[NodeRef]) -> None:
        self._add_children(node)

    def _add_children(self, node: TreeNode[NodeRef]) -> None:
        ref, library = node.data, self.library
        if ref is None or library is None or node.children:
            return
        if ref.kind == "channel":
            channel = library.channel(ref.channel)
            index = channel.index_page
            if index is not None:
                self._add_note(node, index, ref.channel, None)
            for e, episode in enumerate(channel.episodes):
                if len(episode.notes) == 1:
                    self._episode_titles[episode.notes[0].rel] = episode.title
                    self._add_note(node, episode.notes[0], ref.channel, e)
                else:
                    label = Text(episode.title)
                    label.append(f"  {len(episode.notes)} notes", style="dim")
                    node.add(label, NodeRef("episode", ref.channel, e), allow_expand=True)
            for page in channel.pages:
                if page is not index:
                    self._add_note(node, page, ref.channel, None)
        elif ref.kind == "episode" and ref.episode is not None:
            for note in library.channel(ref.channel).episodes[ref.episode].notes:
                self._add_note(node, note, ref.channel, ref.episode)
        elif ref.kind == "note" and ref.rel == self._open_rel:
            self._add_sections(node)

    def _add_note(self, parent: TreeNode[NodeRef], note: Note, channel: str, episode: int | None) -> None:
        is_open = note.rel == self._open_rel
        node = parent.add(self._note_label(note), NodeRef("note", channel, episode, note.rel), allow_expand=is_open)
        self._notes[note.rel] = node

    def _note_label(self, note: Note) -> Text:
        episode = self._episode_titles.get(note.rel)
        label = Text(episode or note.title, style="bold" if note.rel == self._open_rel else "")
        if episode and episode != note.title:
            label.append(f"  {note.title}", style="dim")
        if note.known and note.video_id is None:
            label.append("  no video", style="dim italic")
        if note.warnings or note.error:
            label.append("  ⚠", style="bold yellow")
        return label

    def _add_sections(self, node: TreeNode[NodeRef]) -> None:
        ref = node.data
        assert ref is not None
        for section in self._sections:
            if section.level == 0 and not section.text.strip() and not section.timestamps:
                continue
            node.add_leaf(_section_label(section, False), NodeRef("section", ref.channel, ref.episode, ref.rel, section.index))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self._populate(event.node)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref.rel is None:
            return
        event.stop()
        self.post_message(OpenNote(OpenRequest(ref.rel, section_place(ref.section if ref.kind == "section" else None)), read=True))

    # -- following the reader ----------------------------------------------------------

    def reveal(self, note: Note, sections: list[Section]) -> None:
        """Expand the path to the open note, list its sections, put the cursor on it."""
        library = self.library
        previous = self._notes.get(self._open_rel or "")
        self._open_rel, self._sections, self._marked = note.rel, sections, None
        if previous is not None and previous.data is not None and previous.data.rel != note.rel:
            previous.remove_children()
            previous.collapse()
            previous.allow_expand = False
            self._relabel(previous)
        if library is None:
            return
        channel_node = self._channels.get(library.channel_of(note))
        if channel_node is None:
            return
        self._populate(channel_node)
        channel_node.expand()
        node = self._notes.get(note.rel)
        if node is None:
            for episode_node in channel_node.children:
                ref = episode_node.data
                if ref and ref.kind == "episode" and ref.episode is not None and any(
                    n.rel == note.rel for n in library.channel(ref.channel).episodes[ref.episode].notes
                ):
                    self._populate(episode_node)
                    episode_node.expand()
                    node = self._notes.get(note.rel)
                    break
        if node is None:
            return
        self._relabel(node)
        node.remove_children()
        node.allow_expand = True
        self._add_sections(node)
        node.expand()
        if not self.has_focus:
            self.move_cursor(node)

    def _relabel(self, node: TreeNode[NodeRef]) -> None:
        ref = node.data
        note = self.library.note(ref.rel) if ref and ref.rel and self.library else None
        if note is not None:
            node.set_label(self._note_label(note))

    def mark_section(self, rel: str, section: int) -> None:
        """Show which section is being read (without moving the cursor while the tree has focus)."""
        node = self._notes.get(rel)
        if node is None or rel != self._open_rel:
            return
        target = next((child for child in node.children if child.data and child.data.section == section), None)
        if target is self._marked:
            return
        sections = {s.index: s for s in self._sections}
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
