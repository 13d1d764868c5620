"""Stage "write" of a ``-o`` build: its files appear in the output folder all at once.

A build writes ``graph.ttl``, ``graph.trig``, ``graph.html`` and ``report.json`` into a fresh
hidden folder beside the output folder, then swaps the two folders in one step
(``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, with a moment in between when
the folder is missing). A build killed at any point leaves the output folder all old or all new;
what it left beside it is removed by the next build into the same folder.

An output folder that holds other files than kg's (or is the current folder) is not swapped:
each new file is renamed into it instead, one at a time, so the other files stay untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import GraphError

#: The files a build writes; the other entries of an output folder are the user's.
OUTPUT_NAMES = frozenset({"graph.ttl", "graph.trig", "graph.html", "report.json"})

_NEW, _OLD = "kg-new", "kg-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextmanager
def output_folder(out: str | Path) -> Iterator[Path]:
    """A fresh folder to write a build's files into; it becomes ``out`` when the block ends.

    If the block raises, ``out`` is left as it was and the fresh folder is removed.

    Raises:
        GraphError: ``out`` exists and is not a folder, or a folder cannot be made or swapped.

    Example:
        >>> with output_folder("out/") as folder:  # doctest: +SKIP
        ...     (folder / "report.json").write_text("{}")
    """
    out = Path(out).absolute()
    if out.is_symlink():
        out = out.resolve()
    if out.exists() and not out.is_dir():
        raise GraphError(f"-o {out}: exists and is not a folder; give a folder")
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.{_NEW}-", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes a private folder; give the usual mode
    except OSError as err:
        raise GraphError(f"-o {out}: cannot make a folder beside it ({err.strerror})") from err
    try:
        yield staging
        if out.is_dir() and _holds_other_files(out):
            for path in sorted(staging.iterdir()):
                os.replace(path, out / path.name)
        else:
            _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # After the swap the fresh folder's name holds the old files (or nothing).
    shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(out: str | Path) -> None:
    """Remove what builds into ``out`` killed part way left: hidden folders beside it and
    hidden temporary files in it."""
    out = Path(out)
    parent = out.absolute().parent
    for prefix in (_NEW, _OLD):
        for path in parent.glob(f".{out.name}.{prefix}-*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
    if out.is_dir():
        for name in OUTPUT_NAMES:
            for path in out.glob(f".{name}.*.tmp"):
                path.unlink(missing_ok=True)


def _holds_other_files(out: Path) -> bool:
    if out.resolve() == Path.cwd().resolve():
        return True
    return any(
        entry.name not in OUTPUT_NAMES
        and not (entry.name.startswith(".") and entry.suffix == ".tmp")
        for entry in out.iterdir()
    )


def _swap(staging: Path, out: Path) -> None:
    try:
        if not out.exists():
            os.rename(staging, out)
            return
        if _exchange(staging, out):
            return
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.{_OLD}-", dir=staging.parent))
        os.rename(out, old / out.name)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as err:
        raise GraphError(f"-o {out}: cannot put the new files in place ({err.strerror})") from err


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not on this file system
        return False
    raise OSError(errno, os.strerror(errno))
