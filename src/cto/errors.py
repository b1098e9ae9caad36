"""Error types shared by every stage; the CLI maps them to one clear line and an exit code."""


class CtoError(Exception):
    """Base class of every error cto reports to a user."""


class InputError(CtoError):
    """Unusable input: not a repository, unreadable path, unknown format (exit code 2)."""


class SourceError(CtoError):
    """Reading a source (git, a file, an export) failed in a way the user should hear about."""


class WorkspaceError(CtoError):
    """The workspace database cannot be opened, migrated or written."""
