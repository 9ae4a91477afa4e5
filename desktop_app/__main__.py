"""``python -m desktop_app`` starts the desktop program; given a command first
(``python -m desktop_app backup list``) it is the ``ttdn`` command line instead.

The frozen program's launchers run this file too: ``TTDN`` is the GUI (or the CLI when a
command comes first) and ``ttdn-cli`` is always the CLI, over one shared copy of the code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

CLI_LAUNCHERS = {"ttdn", "ttdn-cli"}


def is_cli(argv: Sequence[str], program: str) -> bool:
    """The command line is the CLI's: started as ``ttdn``/``ttdn-cli``, or a command
    (a word, not an option) comes first. The GUI takes only options."""
    stem = Path(program).stem  # case matters: "TTDN" is the GUI, "ttdn" the CLI (Linux)
    if stem in CLI_LAUNCHERS or stem.lower() == "ttdn-cli":
        return True
    return bool(argv) and not argv[0].startswith("-")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    program = sys.executable if getattr(sys, "frozen", False) else sys.argv[0]
    if args[:1] == ["--self-test"]:  # from either launcher (ttdn-cli has the console)
        from desktop_app.selftest import run

        return run()
    if is_cli(args, program):
        from desktop_app.cli import main as cli_main

        return cli_main(args)
    from desktop_app.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
