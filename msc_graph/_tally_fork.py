"""Count the tallies in a forked child process while this process writes the graph.

At literature scale the ingest is bound by the client's CPU: counting the tallies (about 20 s of
Python at 100k claims) and writing the graph (the server's CPU) cannot overlap fully in one Python
process. Once the records are loaded, :class:`ForkedTallies` forks: the child inherits the records as
they are (no copy, no reload), counts the tallies of the named queries' answers exactly as the
ingest counts them in process (:func:`msc_graph._build.view_tallies`), encodes their statements with
the engine's encoder and hands them back through a pipe, view by view; this process meanwhile builds
and sends the base graph and the summary edges, then forwards the child's statements in the order the
child counted them, then the tallies that count the graph itself (they need the child's counts). The
statements, and so the graph, are those of an ingest without the child, byte for byte
(``tests/test_tally_fork.py``).

The child is used only where it is safe and pays: on Linux (elsewhere a fork without an exec is
unsafe, as on macOS, or missing, as on Windows), when this process runs no other thread (a fork
copies only the calling thread: a lock held by another one would stay held in the child, so a
notebook's kernel, which runs threads, counts in process), when it may run on at least two cores,
for at least :data:`MIN_CLAIMS` claims, and when the machine has as much memory available as this
process holds (the child may copy most of it).
The child closes every inherited descriptor but its end of the pipe (the server's socket, the
ingest lock), never returns into the caller's code (``os._exit``), and reports an error as a frame;
if it fails or dies, the ingest raises and nothing is published. This process ends and reaps the
child whatever happens (:meth:`ForkedTallies.close`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ._exceptions import MscGraphError
from ._machine import cores

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._rows import GraphRows

MIN_CLAIMS = 2000
"""Fork only for at least this many claims: below it the tallies count in well under a second."""

Encode = Callable[[str, dict[str, Any]], bytes]  # (statement, params) -> what the writer sends
Plan = Callable[["GraphRows"], list[tuple[str, list[Any]]]]  # a part's rows -> its statements

_HEAD = struct.Struct("<cQ")  # frame: kind, payload length
_QUERY, _ROWS, _COUNTS, _ERROR = b"Q", b"R", b"C", b"E"
_END = (b"", b"")


def usable(n_claims: int) -> bool:
    """Whether to count the tallies of ``n_claims`` claims in a forked child (see the module)."""
    if not sys.platform.startswith("linux") or n_claims < MIN_CLAIMS or threading.active_count() != 1:
        return False
    return cores() >= 2 and _memory_allows()


def _memory_allows() -> bool:
    """Whether the machine has the memory the child may need: as much as this process holds now
    (the child shares it until written, and counting touches most of the records). Short of it, the
    out-of-memory killer could end the child, and the ingest with it, where counting in process runs."""
    meminfo = _kib("/proc/meminfo", "MemAvailable")
    rss = _kib("/proc/self/status", "VmRSS")
    return meminfo is not None and rss is not None and meminfo > rss


def _kib(path: str, key: str) -> int | None:
    """A ``key:  123 kB`` value of a /proc file, in KiB (None if unreadable)."""
    try:
        with open(path, encoding="ascii") as fh:
            for line in fh:
                name, _, rest = line.partition(":")
                if name == key:
                    return int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _frame(fd: int, kind: bytes, payload: bytes) -> None:
    _write_all(fd, _HEAD.pack(kind, len(payload)))
    _write_all(fd, payload)


def _child(fd: int, ds: Dataset, encode: Encode, plan: Plan) -> None:
    from ._build import joint_statements, view_tallies
    from ._engines.falkor_writer import Unencodable

    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    for part in view_tallies(ds, joint_statements(ds)):
        n, r = part.counts()
        nodes.update(n)
        rels.update(r)
        for stmt, batch in plan(part):
            try:
                _frame(fd, _QUERY, encode(stmt, {"rows": batch}))
            except Unencodable:  # the writer's generic path says precisely what is wrong with it
                _frame(fd, _ROWS, pickle.dumps((stmt, batch)))
    _frame(fd, _COUNTS, pickle.dumps((dict(nodes), dict(rels))))


class ForkedTallies:
    """The tallies of the views of ``ds`` (:func:`msc_graph._build.view_tallies`), counted in a child.

    Iterate :meth:`statements` for what to send, in order; then :attr:`counts` holds the tallies'
    nodes per label and relationships per type. Call :meth:`close` whatever happens.
    """

    def __init__(self, ds: Dataset, encode: Encode, plan: Plan) -> None:
        self.counts: tuple[dict[str, int], dict[str, int]] | None = None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no fork (a process limit, no memory for its page tables): the caller counts
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: never returns
            code = 1
            try:
                if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # Ctrl-C ends it quietly:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)  # this process reports (or ignores it, as we do)
                os.closerange(3, write)
                os.closerange(write + 1, max(write + 1, os.sysconf("SC_OPEN_MAX")))
                _child(write, ds, encode, plan)
                code = 0
            except BaseException as exc:  # reported to the parent, whatever it is
                with contextlib.suppress(BaseException):
                    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                    _frame(write, _ERROR, text.encode("utf-8", "replace"))
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        """The child's process id."""
        self.reaped = False
        """Whether the child has ended and been waited for."""
        self._fd = read
        self._frames: queue.SimpleQueue[tuple[bytes, bytes]] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="msc-graph-tallies", daemon=True)
        self._reader.start()

    def _read_exactly(self, n: int) -> bytes | None:
        chunks, left = [], n
        while left:
            chunk = os.read(self._fd, min(left, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _read(self) -> None:  # the reader thread: frames as they come, so the child never waits on a send
        try:
            while (head := self._read_exactly(_HEAD.size)) is not None:
                kind, size = _HEAD.unpack(head)
                payload = self._read_exactly(size)
                if payload is None:
                    break
                self._frames.put((kind, payload))
        except OSError:
            pass
        finally:
            self._frames.put(_END)

    def statements(self) -> Iterator[tuple[str, list[Any]] | bytes]:
        """The tallies' statements in order: encoded (bytes) or, for rows the encoder refused,
        (statement, batch) for the writer's generic path.

        Raises:
            MscGraphError: the child failed (its error) or died (its exit status).
        """
        while True:
            kind, payload = self._frames.get()
            if kind == _QUERY:
                yield payload
            elif kind == _ROWS:
                yield pickle.loads(payload)  # our own child's bytes, through our own pipe
            elif kind == _COUNTS:
                self.counts = pickle.loads(payload)
            elif kind == _ERROR:
                self._reap()
                raise MscGraphError(f"counting the tallies failed: {payload.decode('utf-8', 'replace')}")
            else:  # the end of the pipe
                status = self._reap()
                if self.counts is None or status != 0:
                    raise MscGraphError(f"the process counting the tallies ended early ({_describe(status)})")
                return

    def _reap(self) -> int | None:
        if self.reaped:
            return None
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        return status

    def close(self) -> None:
        """End the child if it still runs, reap it and close the pipe."""
        if not self.reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self._reader.join()  # the child's end of the pipe is closed: the thread has read to its end
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _describe(status: int | None) -> str:
    if status is None:
        return "no status"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"killed by {name}" + ("; out of memory?" if sig == signal.SIGKILL else "")
    return f"exit status {os.WEXITSTATUS(status)}"
