"""Finding a concept class that is not built in: in a Python file, or registered by a package.

Wherever a command takes a concept name it also takes:

- ``FILE.py``: a Python file that defines exactly one concept (a subclass of
  :class:`~keidesign.concepts.base.Concept`; classes it imports do not count);
- ``FILE.py:ClassName``: the class of that name defined in the file;
- the name of an entry point in the group ``keidesign.concepts`` of an installed package
  (``[project.entry-points."keidesign.concepts"] my-van = "vans.concepts:Van"``).

A file is executed as a module whose name is derived from its absolute path
(``_keidesign_file_<stem>_<16 hex digits>``) and registered in :data:`sys.modules`, so this
process and every sweep worker that loads the file agree on the module. While it runs, its
folder is first on :data:`sys.path`, so it may import helper modules beside it
(``from helper import LIFT``); they are ordinary modules, imported once per process under
their own names (an edit of a helper is seen by the next process). Each concept class it
defines gets ``reference = "<absolute path>:<ClassName>"``, which
:meth:`~keidesign.concepts.base.Concept.locator` hands to other processes. A file that has
changed since it was loaded is executed again (its classes are then new classes), so an edit
is seen by the next command of a long-lived process too. No ``__pycache__`` is written next to
the file.

Every failure is a :class:`~keidesign.errors.ParameterError` about the parameter ``concept``:
a missing file (with a did-you-mean among the ``.py`` files beside it), a file without a
concept or with several, a misspelt class name, a file or package that raises on import (the
file, the exception and its line, no traceback).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import re
import sys
import threading
import traceback
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from keidesign.concepts.base import Concept
from keidesign.errors import ParameterError
from keidesign.parameters.spec import did_you_mean, quote

if TYPE_CHECKING:  # importlib.metadata costs ~15 ms; loaded when packages are looked up
    from importlib.metadata import EntryPoint

__all__ = ["ENTRY_POINT_GROUP", "find_entry_points", "is_file_reference", "load_entry_point",
           "load_file", "module_name_for", "quote", "split_file_reference"]

logger = logging.getLogger("keidesign")

#: The entry point group through which installed packages register concepts.
ENTRY_POINT_GROUP = "keidesign.concepts"

#: Module attribute: SHA-256 of the source the module was executed from.
SOURCE_DIGEST_ATTR = "__keidesign_source_sha256__"

_LOCK = threading.RLock()  # Dask runs tasks in threads: load a file once at a time
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAX_ERROR = 500


def _error(message: str, reference: str) -> ParameterError:
    return ParameterError(message, name="concept", value=reference)


# ---- files ---------------------------------------------------------------------------------
def split_file_reference(reference: str) -> tuple[str, str | None]:
    """``"trucks/van.py:Van"`` → ``("trucks/van.py", "Van")``; ``"van.py"`` → ``("van.py",
    None)``. Only the last colon counts, and only after ``.py``, so ``C:\\van.py`` is a path."""
    head, sep, tail = reference.rpartition(":")
    if sep and head.endswith(".py"):
        return head, tail
    return reference, None


def is_file_reference(reference: str) -> bool:
    """Whether ``reference`` has the form of a file reference (``FILE.py[:ClassName]``)."""
    return split_file_reference(reference)[0].endswith(".py")


def module_name_for(path: str | Path) -> str:
    """The module name a file is loaded under: the same for the same absolute path in every
    process."""
    path = Path(path)
    stem = re.sub(r"\W", "_", path.stem)
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"_keidesign_file_{stem}_{digest}"


def _resolve(file_text: str, reference: str) -> Path:
    try:
        return _existing_file(file_text, reference)
    except ParameterError:  # already says what is wrong (and is a ValueError)
        raise
    except (OSError, ValueError) as err:  # a name too long, a NUL byte: not a file
        why = getattr(err, "strerror", None) or str(err)
        raise _error(f"'concept' {quote(reference)} must be an existing Python file: {why}",
                     reference) from None


def _existing_file(file_text: str, reference: str) -> Path:
    path = Path(file_text).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    path = path.resolve()
    if path.is_dir():
        raise _error(f"'concept' {quote(reference)} is a folder, not a Python file "
                     f"(FILE.py or FILE.py:ClassName)", reference)
    if not path.is_file():
        folder = path.parent
        if folder.is_dir():
            hint = did_you_mean(path.name, sorted(p.name for p in folder.glob("*.py")))
            where = f"no file {quote(path.name)} in {quote(str(folder))}{hint}"
        else:
            where = f"no folder {quote(str(folder))}"
        raise _error(f"'concept' {quote(reference)} must be an existing Python file: "
                     f"{where}", reference)
    return path


def _where_in(path: Path, err: BaseException) -> str:
    """``" (path:line)"``: the deepest line of ``path`` in the error's traceback, or ``""``."""
    if isinstance(err, SyntaxError) and err.lineno is not None:
        return f" ({path}:{err.lineno})"
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == str(path)]
    return f" ({path}:{frames[-1].lineno})" if frames else ""


def _short(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}"
    return text if len(text) <= _MAX_ERROR else text[:_MAX_ERROR - 1] + "…"


def _execute(path: Path, source: bytes, reference: str) -> ModuleType:
    """Run the file as the module :func:`module_name_for` names, registered in sys.modules."""
    name = module_name_for(path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    previous = sys.modules.get(name)
    # Registered before it runs: dataclasses (every concept is one) look their module up.
    sys.modules[name] = module
    # The file's folder first on the import path while it runs, as for `python FILE.py`, so
    # that it can import a helper module beside it.
    folder = str(path.parent)
    sys.path.insert(0, folder)
    try:
        # Compiled here rather than by the import system: no __pycache__ beside the user's file.
        code = compile(source, str(path), "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except (Exception, SystemExit) as err:
        if previous is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = previous
        raise _error(f"'concept' file {quote(str(path))} raised an error when loaded: "
                     f"{_short(err)}{_where_in(path, err)}", reference) from None
    finally:
        try:
            sys.path.remove(folder)  # the first entry equal to it: the one put in above
        except ValueError:  # the file took it out itself
            pass
    setattr(module, SOURCE_DIGEST_ATTR, hashlib.sha256(source).hexdigest())
    for cls in _defined_concepts(module).values():
        cls.reference = f"{path}:{cls.__name__}"
    return module


def _defined_concepts(module: ModuleType) -> dict[str, type[Concept]]:
    """The concept classes the module defines itself (not those it imports), by name."""
    return {name: obj for name, obj in vars(module).items()
            if isinstance(obj, type) and issubclass(obj, Concept) and obj is not Concept
            and obj.__module__ == module.__name__}


def _pick(module: ModuleType, class_name: str | None, path: Path,
          reference: str) -> type[Concept]:
    defined = _defined_concepts(module)
    listed = ", ".join(defined)
    if class_name is None:
        if len(defined) == 1:
            return next(iter(defined.values()))
        if not defined:
            imported = [n for n, o in vars(module).items() if isinstance(o, type)
                        and issubclass(o, Concept) and o is not Concept]
            seen = f" (it imports {', '.join(imported)})" if imported else ""
            raise _error(f"'concept' file {quote(str(path))} defines no concept: no subclass of "
                         f"keidesign.Concept is defined in it{seen}", reference)
        raise _error(f"'concept' file {quote(str(path))} defines several concepts ({listed}): "
                     f"name one, e.g. {quote(f'{path.name}:{next(iter(defined))}')}",
                     reference)
    if not _IDENTIFIER.fullmatch(class_name):
        raise _error(f"'concept' {quote(reference)}: {quote(class_name)} after the colon "
                     f"must be a class name (FILE.py:ClassName)", reference)
    obj = getattr(module, class_name, None)
    if obj is None:
        known = f"; it defines {listed}" if defined else "; it defines no concept"
        raise _error(f"'concept' file {quote(str(path))} has no class {quote(class_name)}"
                     f"{did_you_mean(class_name, defined)}{known}", reference)
    if not (isinstance(obj, type) and issubclass(obj, Concept)) or obj is Concept:
        raise _error(f"'concept' {quote(reference)}: {quote(class_name)} is not a concept class "
                     f"(a subclass of keidesign.Concept)", reference)
    if obj.__module__ != module.__name__:
        raise _error(f"'concept' {quote(reference)}: {quote(class_name)} is imported into that "
                     f"file from {obj.__module__}, not defined there; give it by its own "
                     f"name ({obj.locator()!r})", reference)
    return obj


def load_file(reference: str) -> type[Concept]:
    """The concept class of a file reference, ``FILE.py`` or ``FILE.py:ClassName``.

    The file is executed the first time, and again whenever its content has changed.

    Args:
        reference: the file (relative to the working folder, or absolute), and the class name
            when the file defines several concepts.

    Returns:
        The class, its ``reference`` set to ``"<absolute path>:<ClassName>"``.

    Raises:
        ParameterError: no such file, no or several concepts (without a class name), no such
            class, or the file raises when executed.
    """
    file_text, class_name = split_file_reference(reference)
    path = _resolve(file_text, reference)
    try:
        source = path.read_bytes()
    except OSError as err:
        raise _error(f"'concept' file {quote(str(path))} cannot be read: "
                     f"{err.strerror or err}", reference) from None
    digest = hashlib.sha256(source).hexdigest()
    with _LOCK:
        module = sys.modules.get(module_name_for(path))
        if module is None or getattr(module, SOURCE_DIGEST_ATTR, None) != digest:
            if module is not None:
                logger.info("%s changed since it was loaded; loading it again", path)
            module = _execute(path, source, reference)
        return _pick(module, class_name, path, reference)


# ---- entry points --------------------------------------------------------------------------
@functools.cache
def find_entry_points() -> dict[str, EntryPoint]:
    """The entry points of :data:`ENTRY_POINT_GROUP` of the installed packages, by name (not
    loaded). Looked up once per process; when two packages register the same name, the first
    found is kept and a warning logged."""
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found:
            if found[ep.name].value != ep.value:
                logger.warning("concept %r is registered twice (%s and %s); using %s", ep.name,
                               found[ep.name].value, ep.value, found[ep.name].value)
            continue
        found[ep.name] = ep
    return found


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return f"package {dist.name!r}" if dist is not None else "a package"


def load_entry_point(ep: EntryPoint) -> type[Concept]:
    """Import a registered concept.

    Args:
        ep: an entry point of :data:`ENTRY_POINT_GROUP` (see :func:`find_entry_points`).

    Returns:
        The class; unless it has a reference already (or is one of keidesign's own), its
        ``reference`` becomes the entry point's name, which a worker resolves the same way.

    Raises:
        ParameterError: the entry point cannot be imported or is not a concept class.
    """
    try:
        obj = ep.load()
    except (Exception, SystemExit) as err:
        raise _error(f"'concept' {ep.name!r}, registered by {_distribution(ep)} as "
                     f"{ep.value!r}, cannot be loaded: {_short(err)}", ep.name) from None
    if not (isinstance(obj, type) and issubclass(obj, Concept)) or obj is Concept:
        raise _error(f"'concept' {ep.name!r}, registered by {_distribution(ep)} as "
                     f"{ep.value!r}, is not a concept class (a subclass of keidesign.Concept)",
                     ep.name)
    if obj.__dict__.get("reference") is None and obj.__module__.split(".")[0] != "keidesign":
        obj.reference = ep.name
    return obj
