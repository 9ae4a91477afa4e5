"""Moved to :mod:`desktop_app.core.operations.installation` (a use case over the workspace).

A thin re-export kept only so branches written before the move still import; the import
contract lists it as the one allowed exception. Import from operations instead.
"""

from desktop_app.core.operations.installation import *  # noqa: F401,F403
from desktop_app.core.operations.installation import __all__  # noqa: F401
