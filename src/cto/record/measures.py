"""The workspace's cache of file measures, keyed by git blob hash (see
:mod:`cto.sources.measure_cache`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cto.errors import WorkspaceError
from cto.record import db
from cto.record.models import FileMeasureRow

_DATABASE_ERRORS = (SQLAlchemyError, db.MigrationError, OSError)


class WorkspaceMeasures:
    """File measures by blob hash, in the workspace database (a ``MeasureCache``).

    Derived data: written in its own small transactions, so an audit that fails later still
    leaves the measures it paid for; losing them only costs time.
    """

    def __init__(self, engine: Engine, writer: Engine) -> None:
        self._engine = engine
        self._writer = writer

    def lookup(self, blobs: Collection[str]) -> dict[str, bytes]:
        """Encoded measures of the blobs held, by blob hash."""
        wanted = sorted(blobs)
        found: dict[str, bytes] = {}
        try:
            with Session(self._engine) as session:
                for start in range(0, len(wanted), 500):
                    batch = wanted[start : start + 500]
                    query = select(FileMeasureRow.blob, FileMeasureRow.data).where(
                        FileMeasureRow.blob.in_(batch)
                    )
                    found.update((blob, data) for blob, data in session.execute(query))
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot read file measures: {db.one_line(error)}") from error
        return found

    def store(self, measures: Mapping[str, bytes]) -> None:
        """Keep encoded measures by blob hash (an existing entry is replaced)."""
        if not measures:
            return
        blobs = sorted(measures)
        try:  # set-wise: delete what is replaced, then one multi-row insert per batch
            with self._writer.begin() as connection:
                for start in range(0, len(blobs), 500):
                    batch = blobs[start : start + 500]
                    connection.execute(delete(FileMeasureRow).where(FileMeasureRow.blob.in_(batch)))
                    connection.execute(
                        insert(FileMeasureRow), [{"blob": b, "data": measures[b]} for b in batch]
                    )
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot save file measures: {db.one_line(error)}") from error
