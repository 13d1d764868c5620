"""A local SPARQL endpoint over a store: the ``oxigraph`` server of the PyPI package ``oxigraph``.

The server is Oxigraph's own binary, run as a child process: ``oxigraph serve-read-only`` by
default, which does not lock the store and answers from it as it was when it started (Oxigraph
calls another process writing it meanwhile undefined behaviour: stop the server while
``kg build --store`` updates it), or ``oxigraph serve`` with ``writable=True``, which holds the
store's lock and takes ``kg load``.
Queries see the union of the named graphs as their default graph, as :func:`kg.query.run_query`
does. It listens on 127.0.0.1 unless told otherwise, and on another address only with
``public=True``: the server has no authentication.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from kg.endpoint import is_loopback
from kg.errors import ServeError

#: Where the server listens unless told otherwise.
DEFAULT_BIND = "127.0.0.1:7878"

#: Seconds to wait for the server to accept connections.
START_TIMEOUT = 20.0


@dataclass
class Server:
    """A running ``oxigraph`` server; stop it with :meth:`stop` or a ``with`` block.

    Attributes:
        process: The server process.
        url: Its root URL (``http://127.0.0.1:7878``), where Oxigraph serves a YASGUI page.
        location: The store directory.
        writable: Whether it takes updates (``oxigraph serve``) or not (``serve-read-only``).
    """

    process: subprocess.Popen[bytes]
    url: str
    location: Path
    writable: bool
    _log: IO[bytes] = field(repr=False)

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint (``/query``)."""
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store HTTP Protocol endpoint (``/store``), for ``kg load --endpoint``."""
        return f"{self.url}/store"

    @property
    def update_url(self) -> str:
        """The SPARQL Update endpoint (``/update``), when writable."""
        return f"{self.url}/update"

    def running(self) -> bool:
        """Whether the server process is still running."""
        return self.process.poll() is None

    def log(self) -> str:
        """What the server wrote so far (its standard output and error).

        Read with ``pread``, at no file offset: the server writes through the same open file,
        so a ``seek`` here would move where its next line goes (and could overwrite the first).
        """
        import os

        fd = self._log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", errors="replace")

    def wait(self) -> int:
        """Wait until the server stops by itself; its exit code."""
        return self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def find_oxigraph() -> str:
    """The ``oxigraph`` binary: the one beside this Python (its virtual environment), else on PATH.

    Raises:
        ServeError: There is none; the message says how to install it.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError(
            "the oxigraph server is not installed; pip install oxigraph (kg depends on it, so "
            "reinstalling kg installs it too)"
        )
    return found


def parse_bind(bind: str) -> tuple[str, int]:
    """Split ``HOST:PORT`` (``[::1]:7878`` for IPv6) into the host and the port.

    Raises:
        ServeError: It is not ``HOST:PORT`` with a port from 1 to 65535.
    """
    host, sep, port_text = bind.rpartition(":")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ServeError(
            f"--bind {bind!r}: write it as HOST:PORT, such as 127.0.0.1:7878 or [::1]:7878"
        )
    return host, int(port_text)


def start_server(
    location: str | Path,
    *,
    bind: str = DEFAULT_BIND,
    writable: bool = False,
    public: bool = False,
    timeout: float = START_TIMEOUT,
) -> Server:
    """Start an Oxigraph server over a store directory and wait until it accepts connections.

    Args:
        location: A store directory (``kg build --store``, or any ``pyoxigraph.Store(path)``);
            with ``writable``, a new directory is made into an empty store.
        bind: ``HOST:PORT`` to listen on.
        writable: Take updates and Graph Store writes (``oxigraph serve``; it locks the store).
            Otherwise the server is read-only and the store is not locked.
        public: Allow ``bind`` to be an address other than this machine's loopback.
        timeout: Seconds to wait for the server to accept connections.

    Returns:
        The running server.

    Raises:
        ServeError: The address is not loopback and ``public`` is not set, the store is missing,
            the binary is missing, or the server exits or does not answer in time (the message
            gives its own error, such as an address in use or a store locked by another process).
    """
    host, port = parse_bind(bind)
    if not public and not is_loopback(host):
        raise ServeError(
            f"--bind {bind}: {host} is not this machine's loopback address, and the server has "
            "no authentication: anyone who can reach it could read (or, writable, change) the "
            "store; add --public if that is what you want, or bind 127.0.0.1"
        )
    path = Path(location)
    is_store = (path / "CURRENT").is_file()
    # A folder that holds other files (articles, say) is never made a store: Oxigraph would
    # write its database files among them.
    other_files = path.is_dir() and not is_store and any(path.iterdir())
    if not writable and not is_store:
        what = "is not a store" if path.exists() else "does not exist"
        fresh = "in a new folder" if other_files else "there"
        raise ServeError(
            f"{path}: {what}; give a store directory (kg build --store DIR), or add --writable "
            f"to start an empty store {fresh} and fill it with kg load"
        )
    if writable and path.exists() and not path.is_dir():
        raise ServeError(f"{path}: not a directory; give a store directory")
    if writable and other_files:
        raise ServeError(
            f"{path}: holds files but is not a store; give a store directory, or a new or empty "
            "folder for --writable to start one in"
        )
    if writable:
        path.mkdir(parents=True, exist_ok=True)
    binary = find_oxigraph()
    command = [
        binary,
        "serve" if writable else "serve-read-only",
        "--location",
        str(path),
        "--bind",
        bind,
        "--union-default-graph",
    ]
    # The log goes to a file, not a pipe that nobody reads and that could fill up and block it.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (the Server closes it when it stops)
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            # One system call between fork and exec: safe even with other threads running.
            preexec_fn=_stop_with_parent(),
        )
    except OSError as err:
        log.close()
        raise ServeError(f"{binary}: cannot start: {err.strerror or err}") from err
    url_host = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    connect_host = "127.0.0.1" if host in ("0.0.0.0", "") else host.strip("[]")
    if connect_host == "::":
        connect_host = "::1"
    server = Server(process, f"http://{url_host}:{port}", path, writable, log)
    try:
        _wait_until_listening(server, connect_host, port, timeout)
    except BaseException:  # Ctrl-C while waiting too: never leave the server behind
        server.stop()
        raise
    return server


def _wait_until_listening(server: Server, host: str, port: int, timeout: float) -> None:
    """Wait for the server's "Listening" line, or for a connection to a server still running
    after a second (another process on the port makes the server exit at once)."""
    started = time.monotonic()
    while True:
        if not server.running():
            # The first lines say why; the Rust backtrace after them is for Oxigraph's developers.
            log = server.log().partition("Stack backtrace")[0]
            message = " ".join(log.split()) or f"exit code {server.process.returncode}"
            server.stop()
            # Whatever the log says (it may be empty), another process holding the store's lock
            # is the likely reason: name it.
            holder = lock_holder(server.location)
            if holder is not None and holder != server.process.pid:
                message += (
                    f" (process {holder} holds the store's lock: if it is an oxigraph server "
                    f"left running, stop it with kill {holder})"
                )
            raise ServeError(f"the oxigraph server stopped at once: {message}")
        if "Listening" in server.log():
            return
        waited = time.monotonic() - started
        if waited > 1.0 and _accepts(host, port) and server.running():
            return
        if waited > timeout:
            server.stop()
            raise ServeError(
                f"the oxigraph server did not accept connections on {host}:{port} within "
                f"{timeout:g} s"
            )
        time.sleep(0.05)


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> Callable[[], None] | None:
    """What the server runs before it starts: ask Linux to send it SIGTERM when kg dies, even by
    SIGKILL, so that no orphan server keeps the port (and, writable, the store's lock).

    The signal comes when the thread that started the server ends: start it from a thread that
    lives as long as the server (the CLI starts it from its main thread). Elsewhere than Linux,
    nothing is done.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util
    import os
    import signal

    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def stop_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # kg died before the request was made
            os._exit(1)

    return stop_with_parent


def stop_on_signals() -> None:
    """Turn every signal that asks kg to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT) into
    :class:`KeyboardInterrupt`, so that ``kg serve`` stops its server whichever one comes (a
    closed terminal sends SIGHUP). Call it from the main thread."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # Ctrl-C even where the shell ignores it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, interrupt)


def lock_holder(location: str | Path) -> int | None:
    """The process holding a store's lock (its ``LOCK`` file), from ``/proc/locks`` (Linux), or
    ``None`` when none does or it cannot be told."""
    import os

    try:
        inode = os.stat(Path(location) / "LOCK").st_ino
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in table.splitlines():
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF"
        if len(fields) >= 6 and fields[4].isdigit() and fields[5].rsplit(":", 1)[-1] == str(inode):
            return int(fields[4])
    return None
