"""Find, load and call plugins, keeping each one's failures to itself.

Plugins come from four places: the built-in plugin, the bundled plugins/ folder,
installed packages (entry point group `cchc_rules`) and local plugin folders
(`--plugins-dir`). A plugin that fails to import, implements a misspelt hook, or
raises inside a hook is recorded as a PluginError; the check goes on without it and
reports it as an engine finding that names the plugin.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pluggy

from cchc_rules.plugins import ENTRY_POINT_GROUP, PROJECT


class PluginInfo(NamedTuple):
    """What `cchc plugins` shows of one plugin."""

    name: str
    origin: str
    agency_kinds: tuple[str, ...]
    hooks: tuple[str, ...]
    doc: str = ""


class PluginError(NamedTuple):
    """A plugin's failure, kept to that plugin and reported as a finding."""

    plugin: str
    stage: str
    error: str


def _describe(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


class PluginHost:
    """The plugins of one run, found once, each one's failures kept to itself."""

    def __init__(
        self,
        plugins_dirs: Sequence[Path] = (),
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        entry_points: bool = True,
        bundled: bool = True,
        errors: list[PluginError] | None = None,
    ) -> None:
        self.plugins_dirs = plugins_dirs
        self.enable = enable
        self.disable = disable
        self.entry_points = entry_points
        self.bundled = bundled
        self.errors: list[PluginError] = [] if errors is None else errors

        from cchc_rules.plugins import builtin, hookspecs

        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.info: dict[str, PluginInfo] = {}
        self.seen: set[str] = set()
        self._register(builtin, "builtin", "built-in")
        if self.bundled:
            from cchc_rules.resources import plugins_dir

            self._load_dir(plugins_dir(), "bundled")
        if self.entry_points:
            self._load_entry_points()
        for directory in self.plugins_dirs:
            self._load_dir(Path(directory), "local")
        self._check_pending()
        unknown = [n for n in (*self.enable, *self.disable) if n not in self.seen]
        if unknown:
            from cchc_rules.errors import CchcError

            raise CchcError("usage", reason=f"unknown plugin(s): {', '.join(unknown)} (see `cchc plugins`)")

    # -- loading -------------------------------------------------------------------------

    def _register(self, plugin: Any, name: str, origin: str) -> None:
        self.seen.add(name)
        if name in self.disable or name in self.info:
            return
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:  # a bad hook signature, a duplicate name
            self.errors.append(PluginError(name, "register", _describe(exc)))
            return
        hooks = tuple(sorted(c.name for c in self.pm.get_hookcallers(plugin) or ()))
        kinds = tuple(getattr(plugin, "AGENCY_KINDS", ()) or ())
        doc = " ".join((getattr(plugin, "__doc__", "") or "").strip().split("\n\n")[0].split())
        self.info[name] = PluginInfo(name, origin, kinds, hooks, doc)

    def _load_dir(self, directory: Path, origin: str) -> None:
        if not directory.is_dir():
            return
        for path in sorted(directory.iterdir()):
            if path.name.startswith(("_", ".")):
                continue
            target = path / "__init__.py" if path.is_dir() else path
            if target.suffix != ".py" or not target.exists():
                continue
            name = path.stem
            self.seen.add(name)
            if name in self.disable:
                continue
            try:
                module = self._import_file(name, target)
            except Exception as exc:
                self.errors.append(PluginError(name, "import", _describe(exc)))
                continue
            self._register(module, getattr(module, "NAME", name), f"{origin}: {target}")

    @staticmethod
    def _import_file(name: str, path: Path) -> ModuleType:
        module_name = f"cchc_rules_plugin_{name}"
        spec = importlib.util.spec_from_file_location(
            module_name, path, submodule_search_locations=[str(path.parent)] if path.name == "__init__.py" else None
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(module_name, None)
            raise
        return module

    def _load_entry_points(self) -> None:
        from cchc_rules.plugins.entrypoints import entry_points

        for ep in entry_points(ENTRY_POINT_GROUP):
            self.seen.add(ep.name)
            if ep.name in self.disable or ep.name in self.info:
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                self.errors.append(PluginError(ep.name, "import", _describe(exc)))
                continue
            dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist else ep.value
            self._register(plugin, ep.name, f"entry point: {dist}")

    def _check_pending(self) -> None:
        """A misspelt hook is an error, not silence: drop the plugin and say so."""
        for _ in range(len(self.info) + 1):
            try:
                self.pm.check_pending()
                return
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin) or "?"
                self.errors.append(PluginError(name, "check_pending", _describe(exc)))
                self.pm.unregister(exc.plugin)
                self.info.pop(name, None)

    # -- selection and calls ------------------------------------------------------------

    def trusted(self, name: str) -> bool:
        """Shipped with cchc-rules (built-in or bundled), so validated by its own tests."""
        info = self.info.get(name)
        return info is not None and info.origin.startswith(("built-in", "bundled"))

    def names(self) -> list[str]:
        return list(self.info)

    def active_for(self, kinds: Iterable[str]) -> tuple[str, ...]:
        """The plugins serving this kind of agency, plus those forced with --plugin."""
        lineage = set(kinds)
        active = []
        for name, info in self.info.items():
            if name in self.enable or not info.agency_kinds or lineage.intersection(info.agency_kinds):
                active.append(name)
        return tuple(active)

    def call(self, hook: str, plugins: Iterable[str] | None = None, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one hook plugin by plugin, so that one failure stays that plugin's."""
        wanted = set(plugins) if plugins is not None else None
        results: list[tuple[str, Any]] = []
        caller = getattr(self.pm.hook, hook)
        for impl in caller.get_hookimpls():  # registration order: built-in first
            name = impl.plugin_name
            if wanted is not None and name not in wanted:
                continue
            args = {k: kwargs[k] for k in impl.argnames}
            try:
                results.append((name, impl.function(**args)))
            except Exception as exc:
                self.errors.append(PluginError(name, f"hook {hook}", _describe(exc)))
        return results

    def collect(self, hook: str, plugins: Iterable[str] | None = None, **kwargs: Any) -> list[tuple[str, Any]]:
        """Flatten list results of a hook, each item with the plugin that gave it."""
        items: list[tuple[str, Any]] = []
        for name, result in self.call(hook, plugins, **kwargs):
            for item in result or ():
                items.append((name, item))
        return items

    def readers(self) -> list[Any]:
        return [item for _, item in self.collect("cchc_readers")]

    def formats(self) -> list[Any]:
        return [item for _, item in self.collect("cchc_formats")]

    def rule_kinds(self) -> dict[str, Any]:
        kinds: dict[str, Any] = {}
        for name, result in self.call("cchc_rule_kinds"):
            for kind, compiler in (result or {}).items():
                if kind in kinds:
                    self.errors.append(PluginError(name, "hook cchc_rule_kinds", f"rule kind '{kind}' given twice"))
                    continue
                kinds[kind] = compiler
        return kinds
