"""Files shipped with kg that are not Python: the ontology (``ontology/*.ttl``).

Installed, they are the package ``kg.ontology`` (setup.cfg maps it onto ``ontology/``); in a plain
source checkout that package does not exist, so they are read from ``ontology/`` beside ``kg/``.
Every reader goes through :func:`ontology_path`, so both work the same.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kg.errors import GraphError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_ONTOLOGY_PACKAGE: Final = "kg.ontology"


def ontology_path(name: str) -> Path:
    """The path of a file of kg's ontology (``kg.ttl``, ``shapes.ttl``, ``roles.ttl``).

    Raises:
        GraphError: If there is no such file.
    """
    if not name or Path(name).name != name:
        raise GraphError(f"{name!r}: not a file name in kg's ontology (try 'kg.ttl')")
    root: Traversable
    try:
        root = resources.files(_ONTOLOGY_PACKAGE)
    except ModuleNotFoundError:
        # A source checkout that is not installed: setup.cfg maps kg.ontology onto ontology/.
        root = Path(__file__).resolve().parent.parent / "ontology"
    path = Path(str(root.joinpath(name)))
    if not path.is_file():
        raise GraphError(f"{name}: no such file in kg's ontology ({path.parent})")
    return path
