"""Progress bars on standard error for passes that take more than a moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

#: Called with (description, total) when a pass starts, then with (None, None) per unit done.
ProgressHook = Callable[[str | None, int | None], None]


@contextmanager
def progress_hook(quiet: bool, console: Console) -> Iterator[ProgressHook | None]:
    """Yield a :data:`ProgressHook` drawing a progress bar, or ``None`` when quiet."""
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        current: list[TaskID] = []

        def hook(description: str | None, total: int | None) -> None:
            if description is None:
                progress.advance(current[-1])
                return
            if current:
                progress.update(current[-1], visible=False)
            current.append(progress.add_task(description, total=total))

        yield hook
