"""Errors kg raises. The CLI turns each into a one-line message and a non-zero exit."""


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file or argument cannot be used."""


class ModelError(KGError):
    """The spaCy pipeline named cannot be loaded."""


class GraphError(KGError):
    """A graph file or store cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or fails."""


class ValidationError(KGError):
    """A graph does not conform to the shapes."""
