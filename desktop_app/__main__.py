"""``python -m desktop_app`` starts the desktop program."""

from desktop_app.app import main

if __name__ == "__main__":
    raise SystemExit(main())
