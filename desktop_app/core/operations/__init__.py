"""The use cases: one function per thing a user does, shared by the GUI and the CLI.

Each operation takes the workspace and plain arguments, opens and owns its transaction,
checks the installation's role and ownership, validates the input and returns a plain
result (dataclasses, dicts, lists). Bad input raises :class:`~desktop_app.core.errors.TtdnError`
(or ``ValidationFailed``) carrying message keys; nothing is half-written. The GUI runs
them on the database worker; the CLI calls them directly. See ``docs/architecture.md``.
"""
