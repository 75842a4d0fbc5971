"""What every command shares: the graph connection, one-line errors, output options, -p pairs."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from .. import _api
from .._config import default_data_dir
from .._exceptions import MscGraphError
from .._render import FORMATS, render

if TYPE_CHECKING:
    from .._api import Graph
    from .._result import Result

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` on stderr and exit with ``code``."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def errors(fn: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MscGraphError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: not an error
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            if os.environ.get("MSC_GRAPH_DEBUG"):
                raise
            fail(f"{exc.strerror or exc} ({getattr(exc, 'filename', '') or 'system error'})")
        except Exception as exc:  # a bug: say so in one line, details on demand
            if os.environ.get("MSC_GRAPH_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (set MSC_GRAPH_DEBUG=1 for details)", 2)

    return wrapper  # type: ignore[return-value]


def output_options(formats: Sequence[str] = FORMATS, output: bool = True) -> Callable[[F], F]:
    """``--format`` (one of ``formats``) and, with ``output``, ``-o/--output FILE``."""

    def decorate(fn: F) -> F:
        if output:
            fn = click.option(
                "--force",
                is_flag=True,
                expose_value=False,  # kept on the context for emit(): the commands need not pass it
                callback=lambda ctx, _param, value: ctx.meta.__setitem__(FORCE, bool(value)),
                help="Overwrite the -o file if it exists (the file itself, never where a symlink points).",
            )(fn)
            fn = click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="Write to this file instead of stdout.",
            )(fn)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default="table",
            show_default=True,
            help="Output format (json = a list of row objects"
            + ("; html = a page with the table and a graph" if "html" in formats else "")
            + ").",
        )(fn)

    return decorate


def graph(ctx: click.Context) -> Graph:
    """The connection of this invocation, opened on first use and closed at exit."""
    obj = ctx.find_root().ensure_object(dict)
    if "graph" not in obj:
        obj["graph"] = _api.connect(obj.get("backend"), data_dir=obj.get("data_dir"))
        ctx.call_on_close(obj["graph"].close)
    g: Graph = obj["graph"]
    return g


def data_dir(ctx: click.Context) -> Path:
    """The embedded engine's data dir of this invocation."""
    chosen: Path | None = ctx.find_root().ensure_object(dict).get("data_dir")
    return chosen or default_data_dir()


def params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``KEY=VALUE`` pairs of ``-p`` as a dict."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--param")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


param_option = click.option(
    "--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE", help="Query parameter (repeatable)."
)


def emit(
    result: Result,
    fmt: str,
    output: Path | None,
    *,
    title: str | None = None,
    page: Callable[[], str] | None = None,
) -> None:
    """Print ``result`` as ``fmt`` on stdout, or write it to ``output``.

    ``page`` builds the HTML page for ``--format html``.
    """
    if fmt == "html":
        if page is None:
            raise click.UsageError("--format html is for query answers (ask, cypher)")
        text = page()
        if output is None:
            click.echo(text, nl=False)
        else:
            with open_output(output) as fh:
                fh.write(text)
            click.echo(f"wrote {output}", err=True)
        return
    if output is None:
        render(result, fmt, title=title)
        return
    with open_output(output) as fh:
        render(result, fmt, fh, title=title)
    click.echo(f"wrote {output}", err=True)


FORCE = "msc_graph.force"


@contextlib.contextmanager
def open_output(output: Path) -> Iterator[TextIO]:
    """``output`` opened for writing text: a new file, or with ``--force`` a replacement of the file.

    Without ``--force`` an existing file (or a symlink, even a dangling one) is refused; the file is
    created exclusively, so that nothing appears between the check and the write. With it, the text
    goes to a temporary file that then replaces ``output``: a symlink is replaced, never followed.
    """
    ctx = click.get_current_context(silent=True)
    force = bool(ctx and ctx.find_root().meta.get(FORCE)) or bool(ctx and ctx.meta.get(FORCE))
    if not force:
        if output.is_symlink() or output.exists():
            what = "a symbolic link" if output.is_symlink() else "a file"
            fail(f"{output} exists ({what}): choose another -o file, or add --force to replace it")
        try:
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            fail(f"{output} exists: choose another -o file, or add --force to replace it")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
