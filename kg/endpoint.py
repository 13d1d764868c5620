"""Talking to a SPARQL 1.1 server over HTTP, for the stages "load" and "query": URLs, credentials,
one request at a time, and failures as one-line errors.

Only the standard library is used (``http.client``): no redirects are followed and no proxy is
used, so a request goes to the URL given and nowhere else. Credentials come from the environment
(:data:`ENV_TOKEN`, or :data:`ENV_USER` and :data:`ENV_PASSWORD`) or from ``~/.netrc``, never from
the URL or the command line, and no message or log line shows them.
"""

from __future__ import annotations

import base64
import contextlib
import ipaddress
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from kg import __version__
from kg.errors import EndpointError

#: A bearer token sent as ``Authorization: Bearer TOKEN`` (wins over the user and password).
ENV_TOKEN = "KG_ENDPOINT_TOKEN"
#: The user name for HTTP basic authentication.
ENV_USER = "KG_ENDPOINT_USER"
#: The password for HTTP basic authentication.
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"

#: Seconds a whole request may take: connecting, sending, and reading the answer to its end.
DEFAULT_TIMEOUT = 120.0

#: How much of a server's error message goes into an error.
MAX_SERVER_MESSAGE = 300

_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server, for :func:`kg.query.run_query` and :func:`kg.load.load_graphs`.

    Attributes:
        url: The server's URL: its SPARQL query endpoint (``http://host:7878/query``), or, for an
            Oxigraph server, its root (``http://host:7878``) or Graph Store endpoint
            (``.../store``), from which :attr:`query_url` finds ``/query``.
        timeout: Seconds a whole request may take (its answer read to the end).
    """

    url: str
    timeout: float = DEFAULT_TIMEOUT

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint: :attr:`url`, or Oxigraph's ``/query`` beside its store."""
        return with_path(self.url, {"": "/query", "/store": "/query"})


@dataclass(frozen=True)
class Response:
    """A server's answer to a request that succeeded (HTTP 2xx).

    Attributes:
        status: The HTTP status.
        content_type: The media type of the body, lower case, without parameters.
        body: The body.
    """

    status: int
    content_type: str
    body: bytes


def check_url(url: str, *, option: str = "--endpoint") -> str:
    """Check that ``url`` can be used as an endpoint.

    Args:
        url: An ``http`` or ``https`` URL.
        option: The option that gave it, for the message.

    Returns:
        The URL, unchanged.

    Raises:
        EndpointError: It is not an absolute http(s) URL with a host, or it holds a user name or
            password (the message does not repeat them).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise EndpointError(f"{option} {redact(url)}: not a valid URL ({err})") from err
    if parts.username is not None or parts.password is not None:
        raise EndpointError(
            f"{option} {redact(url)}: credentials do not go in the URL (they would show in "
            f"process lists and logs); set {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN}, or add "
            "the host to ~/.netrc"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(
            f"{option} {url}: give an http:// or https:// URL with a host, such as "
            "http://127.0.0.1:7878/store"
        )
    if port == 0:
        raise EndpointError(f"{option} {url}: port 0 cannot be reached; give the server's port")
    if parts.fragment:
        raise EndpointError(f"{option} {url}: drop the #fragment")
    return url


def redact(url: str) -> str:
    """The URL without any ``user:password@`` part, fit for a message."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<the URL given>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def with_path(url: str, replacements: Mapping[str, str]) -> str:
    """Replace the end of the URL's path that is a key of ``replacements``.

    ``""`` matches an empty path or ``/`` only; other keys match the end of the path, so
    ``{"/store": "/query"}`` turns ``http://host/db/store`` into ``http://host/db/query``.
    """
    parts = urlsplit(url)
    path = parts.path
    for old, new in replacements.items():
        if old == "" and path in ("", "/"):
            return urlunsplit(parts._replace(path=new))
        if old and path.endswith(old):
            return urlunsplit(parts._replace(path=path[: len(path) - len(old)] + new))
    return url


def query_params(url: str) -> list[tuple[str, str]]:
    """The URL's query string as ``(name, value)`` pairs, blank values kept."""
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def send(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    content_type: str | None = None,
    accept: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Response:
    """Send one request and read the whole answer.

    Args:
        method: ``GET``, ``PUT``, ``POST``, ...
        url: An absolute http(s) URL (see :func:`check_url`).
        body: The request body.
        content_type: Its media type.
        accept: The media types wanted, as an ``Accept`` header.
        timeout: Seconds the whole request may take, connecting and reading the answer
            included.

    Returns:
        The answer, if its status is 2xx.

    Raises:
        EndpointError: The server cannot be reached, closes the connection, does not answer in
            time, or answers with another status; the message gives the method, the URL (without
            credentials), the status and the first lines of the server's message.
    """
    # Imported here: kg.query imports this module, and plain file queries need none of them.
    import http.client
    import socket

    parts = urlsplit(url)
    host = parts.hostname or ""
    shown = f"{method} {redact(url)}"
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(host, parts.port, timeout=timeout)
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": f"kg/{__version__}"}
    if content_type is not None:
        headers["Content-Type"] = content_type
    if accept is not None:
        headers["Accept"] = accept
    authorization = _authorization(host)
    if authorization is not None:
        headers["Authorization"] = authorization
    # The timeout bounds the whole request, not each read: a server that trickles its answer a
    # byte at a time is cut off when the time is up (its socket shut from a timer thread).
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if expired.is_set():  # the answer was cut short, even if nothing said so
            raise TimeoutError
    except (OSError, http.client.HTTPException) as err:
        if expired.is_set() or isinstance(err, TimeoutError):
            raise EndpointError(f"{shown}: no whole answer within {timeout:g} s") from err
        raise _request_error(err, shown, host) from err
    finally:
        timer.cancel()
        connection.close()
    media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if not 200 <= response.status < 300:
        message = server_message(data, media_type)
        raise EndpointError(
            f"{shown}: the server answered HTTP {response.status} {response.reason}"
            + (f": {message}" if message else ""),
            status=response.status,
            detail=message,
        )
    return Response(response.status, media_type, data)


def _request_error(err: Exception, shown: str, host: str) -> EndpointError:
    """The one-line error of a request that failed before its time was up."""
    import http.client
    import socket
    import ssl

    if isinstance(err, ConnectionRefusedError):
        return EndpointError(
            f"{shown}: connection refused; is the server running at that address and port?"
        )
    if isinstance(err, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return EndpointError(f"{shown}: the server closed the connection without answering")
    if isinstance(err, http.client.IncompleteRead):
        return EndpointError(f"{shown}: the server closed the connection mid-answer")
    if isinstance(err, socket.gaierror):
        return EndpointError(f"{shown}: unknown host {host!r} ({err.strerror})")
    if isinstance(err, ssl.SSLError):
        return EndpointError(f"{shown}: TLS failed: {err.reason or err}")
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return EndpointError(f"{shown}: {_one_line(reason)}")


def server_message(body: bytes, media_type: str = "text/plain") -> str:
    """The first lines of a server's error message, on one line, cut to a readable length."""
    text = body.decode("utf-8", errors="replace")
    if "html" in media_type or text.lstrip().startswith("<"):
        text = _TAG.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    message = " / ".join(line for line in lines if line)
    if len(message) > MAX_SERVER_MESSAGE:
        message = message[: MAX_SERVER_MESSAGE - 1] + "…"
    return message


def _authorization(host: str) -> str | None:
    """The ``Authorization`` header for ``host``, from the environment or ``~/.netrc``."""
    token = os.environ.get(ENV_TOKEN)
    if token:
        return f"Bearer {token}"
    user = os.environ.get(ENV_USER)
    if user:
        return _basic(user, os.environ.get(ENV_PASSWORD, ""))
    import netrc

    try:
        entries = netrc.netrc()
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as err:
        # err.msg names the problem, never the secrets; err.lineno says where.
        raise EndpointError(f"~/.netrc: {err.msg} (line {err.lineno}); fix or remove it") from err
    except OSError:
        return None
    found = entries.authenticators(host)
    if found is None:
        return None
    login, _account, password = found
    return _basic(login, password or "")


def _basic(user: str, password: str) -> str:
    pair = f"{user}:{password}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


def _one_line(message: str) -> str:
    return " ".join(message.split())
