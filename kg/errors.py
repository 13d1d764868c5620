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


class EndpointError(KGError):
    """A SPARQL server cannot be reached, or answers a request with an error.

    Attributes:
        status: The HTTP status of the server's answer, if it answered.
        detail: The first lines of the server's message, on one line ("" if none).
    """

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class LoadError(EndpointError):
    """Loading into a SPARQL server stopped part way.

    Attributes:
        loaded: The graphs sent before the failure, in the order they were sent; they are on the
            server, every other graph is as it was.
    """

    def __init__(
        self,
        message: str,
        *,
        loaded: tuple[str, ...] = (),
        status: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, status=status, detail=detail)
        self.loaded = loaded


class ServeError(KGError):
    """The local SPARQL server cannot be started."""
