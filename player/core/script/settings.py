"""Reading config.yaml (and the user's file on top) into :class:`~player.core.model.settings.Settings`.

The files are merged as node trees, so every value keeps the file and line it came from:
mappings merge key by key, any other value in the user's file replaces the project's. The
merged tree is then checked once, section by section, from the tables below; every problem is
reported as ``file:line:column: field: what is wrong (what is allowed)``. What is not given
keeps the default in :mod:`player.core.model.settings`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping, Sequence

from player.core.model import messages
from player.core.model.errors import ScriptError
from player.core.model.settings import (
    BUILTIN_THEMES, KEY_ACTIONS, KEY_MODIFIERS, MIN_CONTRAST, PEDAL_ACTIONS, AudioSection, DisplaySection, KeysSection, ServeSection,
    LyricsSection, MidiSection, PedalBinding, PianistSection, RoomSection, Settings, ThemeColours, contrast_ratio,
)
from player.core.script.catalog import read_catalog
from player.core.script.checks import Checker, check_version, join
from player.core.script.values import (
    Reader, auto_or, boolean, choice, colour, describe, folder, number, pair, string, whole,
)
from player.core.script.yamlnodes import Node
from player.core.model.messages import N_, tr

__all__ = ["read_settings", "settings_from_plain", "merge_nodes", "TOP_KEYS"]


def _key_name(ck: Checker, node: Node, path: str):
    text = string(40)(ck, node, path)
    return None if text is None else text.lower()


def _soundfont(ck: Checker, node: Node, path: str):
    if node.value in ("", None):           # empty: the SoundFont that ships with Helsekor
        return ""
    p = folder(ck, node, path)
    return None if p is None else str(p)


def _pedal(ck: Checker, node: Node, path: str):
    m = ck.mapping(node, path, (), PEDAL_ACTIONS)
    if m is None:
        return None
    out = []
    for action, spec in m.items():
        p = join(path, action)
        s = ck.mapping(spec, p, (), ("control", "note", "channel"))
        if s is None:
            continue
        if len({"control", "note"} & set(s)) != 1:
            ck.error(spec, p, tr('give exactly one of control: 0–127 or note: 0–127 (and channel: 1–16 if you like)'))
            continue
        got = {k: (whole(1, 16) if k == "channel" else whole(0, 127))(ck, v, join(p, k)) for k, v in s.items()}
        if None not in got.values():
            out.append(PedalBinding(action, **got))
    return tuple(out)


#: section → its dataclass and {key: reader}; the dataclass holds the defaults.
SECTIONS: dict[str, tuple[type, dict[str, Reader]]] = {
    "display": (DisplaySection, {
        "index": whole(0, 15), "windowed": boolean, "size": pair(160, 16384, N_("a window size")),
        "fps": whole(10, 240), "pianist_window": auto_or(boolean, N_("auto, true or false")),
        "pianist_display": auto_or(whole(0, 15), N_("auto or a screen number from 0 to 15"))}),
    "room": (RoomSection, {
        "farthest_viewer_m": number(1, 60), "screen_width_m": number(0.3, 30), "min_x_height_deg": number(0.1, 3)}),
    "lyrics": (LyricsSection, {
        "size": choice("fill", "room"), "highlight": choice("off", "line", "word"), "max_lines": whole(1, 4)}),
    "midi": (MidiSection, {
        "output": string(200), "input": string(200), "soundfont": _soundfont, "synth": choice("auto", "fluidsynth", "tinysoundfont"), "count_in_bars": whole(0, 2),
        "count_in_note": whole(0, 127), "guide_channel": whole(1, 16), "guide_muted": boolean,
        "send_clock": boolean, "volume": number(0, 1), "pedal": _pedal}),
    "pianist": (PianistSection, {
        "size": pair(160, 16384, N_("a window size")), "switch_lead_key": _key_name, "pedal_key": _key_name,
        "long_press_ms": number(100, 5000), "clock_in": boolean}),
    "audio": (AudioSection, {
        "latency_ms": number(-2000, 2000), "sample_rate": whole(8000, 192000), "vlc_output": string(40, empty=False)}),
}

TOP_KEYS = ("version", "display", "room", "theme", "themes", "lyrics", "keys", "midi", "audio",
            "language", "texts", "library", "state_dir", "log_dir", "pianist", "serve")


SERVE_READERS: dict[str, Reader] = {"enabled": boolean, "port": whole(0, 65535), "max_clients": whole(1, 1000),
                                     "messages_per_second": number(1, 100)}


def _serve(ck: Checker, node: Node | None) -> ServeSection:
    """``serve: true`` (or false), or the block with ``enabled:`` and the limits."""
    if node is not None and node.kind != "map":
        on = boolean(ck, node, "serve")
        return ServeSection(enabled=bool(on))
    return _section(ck, node, "serve", ServeSection, SERVE_READERS)


def _section(ck: Checker, node: Node | None, path: str, cls: type, readers: Mapping[str, Reader]):
    default = cls()
    if node is None:
        return default
    m = ck.mapping(node, path, (), list(readers))
    values = {}
    for key, value_node in (m or {}).items():
        value = readers[key](ck, value_node, join(path, key))
        if value is not None:
            values[key] = value
    return replace(default, **values)


def _keys(ck: Checker, node: Node | None) -> KeysSection:
    default = KeysSection()
    if node is None:
        return default
    numbers = {"double_press_guard_ms": number(0, 5000), "tempo_step": number(0.01, 0.5)}
    m = ck.mapping(node, "keys", (), KEY_ACTIONS + tuple(numbers))
    values: dict[str, Any] = {}
    bindings = dict(default.bindings)
    for key, value in (m or {}).items():
        path = join("keys", key)
        if key in numbers:
            got = numbers[key](ck, value, path)
            if got is not None:
                values[key] = got
            continue
        items = [value] if value.kind == "scalar" else value.value if value.kind == "seq" else None
        if items is None:
            ck.error(value, path, tr('expected a list of key names such as [right, page down], found {value}', value=describe(value)))
            continue
        names = [_key_name(ck, item, f"{path}[{i}]") for i, item in enumerate(items)]
        if None not in names:
            bindings[key] = tuple(n for n in names if n)
    return replace(default, bindings=tuple(bindings.items()), **values)


def _themes(ck: Checker, node: Node | None) -> dict[str, ThemeColours]:
    themes = dict(BUILTIN_THEMES)
    entries: dict[str, Node] = {}
    if node is not None and node.kind != "map":
        ck.error(node, "themes", tr("expected a block of themes (such as 'dark:'), found {node}", node=describe(node)))
    elif node is not None:
        entries = node.value
    for name, theme_node in entries.items():
        path = join("themes", name)
        given = ck.mapping(theme_node, path, (), ThemeColours.KEYS)
        if given is None:
            continue
        base = BUILTIN_THEMES[name] if name in BUILTIN_THEMES else BUILTIN_THEMES["dark"]
        read = {k: colour(ck, v, join(path, k)) for k, v in given.items()}
        if None in read.values():
            continue
        theme = replace(base, **read)
        for key in ThemeColours.FOREGROUNDS:
            ratio = contrast_ratio(getattr(theme, key), theme.background)
            if ratio < MIN_CONTRAST:
                where = given.get(key) or given.get("background") or theme_node
                ck.error(where, join(path, key), tr('contrast {ratio}:1 against the background is too low (allowed: at least {MIN_CONTRAST}:1)', ratio=f"{ratio:.1f}", MIN_CONTRAST=f"{MIN_CONTRAST:g}"))
        themes[name] = theme
    return themes


def _library(ck: Checker, node: Node) -> tuple[Path, ...]:
    out = []
    for i, item in enumerate(ck.sequence(node, "library") or []):
        p = folder(ck, item, f"library[{i}]")
        if p is not None and not p.is_dir():
            ck.error(item, f"library[{i}]", tr('folder not found: {p}', p=p))
        elif p is not None:
            out.append(p)
    return tuple(out)


def _check_key_names(ck: Checker, m: Mapping[str, Node], known_key: Callable[[str], bool]) -> None:
    """Every key name in ``keys:`` and ``pianist:`` is one the keyboard library knows."""
    found: list[tuple[Node, str]] = []
    keys, pianist = m.get("keys"), m.get("pianist")
    for action, node in (keys.value.items() if keys is not None and keys.kind == "map" else ()):
        if action in KEY_ACTIONS:
            items = node.value if node.kind == "seq" else [node]
            found += [(item, f"keys.{action}[{i}]" if node.kind == "seq" else f"keys.{action}") for i, item in enumerate(items)]
    for key in ("switch_lead_key", "pedal_key"):
        if pianist is not None and pianist.kind == "map" and key in pianist.value:
            found.append((pianist.value[key], f"pianist.{key}"))
    for node, path in found:
        if node.kind != "scalar" or node.value in (None, "") or isinstance(node.value, bool):
            continue
        name = str(node.value).strip().lower()
        while "+" in name[1:] and name.split("+", 1)[0] in KEY_MODIFIERS:
            name = name.split("+", 1)[1]
        if not known_key(name):
            ck.error(node, path, tr("'{value}' is not a key name (allowed: names such as right, page down, space, f2, keypad +, b, ., with ctrl+ or alt+ in front if you like)", value=node.value))


def read_settings(trees: Sequence[Node], files: Sequence[Path] = (),
                  known_key: Callable[[str], bool] | None = None) -> Settings:
    """Check the merged trees (project's first) into Settings; raises ScriptError with every
    problem. ``known_key(name)`` checks key names (injected: the keyboard library's names)."""
    ck = Checker()
    for tree in trees:
        if ck.mapping(tree, "", (), TOP_KEYS) is None:
            raise ScriptError(ck.problems)
    root = trees[0]
    for tree in trees[1:]:
        root = merge_nodes(root, tree)
    m: dict[str, Node] = root.value
    shipped_texts = trees[0].value.get("texts")
    shipped_nb = shipped_texts.value.get("nb") if shipped_texts is not None and shipped_texts.kind == "map" else None
    shipped = messages.texts("nb")
    shipped.update(shipped_nb.plain() if shipped_nb is not None and shipped_nb.kind == "map" else {})
    check_version(ck, m)
    values: dict[str, Any] = {k: _section(ck, m.get(k), k, cls, readers) for k, (cls, readers) in SECTIONS.items()}
    values["keys"] = _keys(ck, m.get("keys"))
    values["serve"] = _serve(ck, m.get("serve"))
    themes = _themes(ck, m.get("themes"))
    values["themes"] = MappingProxyType(themes)
    if "theme" in m:
        name = string(40, empty=False)(ck, m["theme"], "theme")
        if name is not None and name not in themes:
            ck.choice(m["theme"], "theme", sorted(themes))
        elif name is not None:
            values["theme"] = name
    if "language" in m:
        language = ck.choice(m["language"], "language", messages.LANGUAGES)
        if language is not None:
            values["language"] = language
    if "texts" in m:
        catalog = read_catalog(ck, m["texts"], "texts", {str(k): str(v) for k, v in shipped.items()})
        values["catalog"] = MappingProxyType({k: MappingProxyType(v) for k, v in catalog.items()})
    if "library" in m:
        values["library"] = _library(ck, m["library"])
    if known_key is not None:
        _check_key_names(ck, m, known_key)
    for key in ("state_dir", "log_dir"):
        if key in m:
            p = folder(ck, m[key], key)
            if p is not None:
                values[key] = p
    if ck.problems:
        order = {tree.file: i for i, tree in enumerate(trees)}
        raise ScriptError(sorted(ck.problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.column)))
    return Settings(**values, files=tuple(files))


#: Blocks the user's file replaces whole instead of key by key (a pedal given as a note
#: is no longer the project's controller).
WHOLE = ("midi.pedal.",)


def merge_nodes(base: Node, over: Node, path: str = "") -> Node:
    """``over`` on top of ``base``: mappings key by key, anything else replaced."""
    if base.kind != "map" or over.kind != "map" or any(path.startswith(w) and path != w for w in WHOLE):
        return over
    out = dict(base.value)
    for key, value in over.value.items():
        out[key] = merge_nodes(out[key], value, f"{path}{key}.") if key in out else value
    return Node(out, over.file, over.line, over.column, "map")


def _node(value: Any, file: str) -> Node:
    if isinstance(value, Mapping):
        return Node({str(k): _node(v, file) for k, v in value.items()}, file, 1, 1, "map")
    if isinstance(value, (list, tuple)):
        return Node([_node(v, file) for v in value], file, 1, 1, "seq")
    return Node(value, file, 1, 1, "scalar")


def settings_from_plain(data: Mapping[str, Any] | None, file: str = "config.yaml") -> Settings:
    """Settings from an already-parsed mapping (tests, previews): the same checks, at line 1."""
    return read_settings([_node(dict(data or {}), file)]) if data else Settings()
