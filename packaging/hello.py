"""The baseline: a plain PySide6 "hello" window, frozen the same way (one folder, no
trimming) by packaging/build.py to compare the program's folder size and start time with.
``--quit`` closes it as soon as its first screen is shown."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("Hello")
label.show()
if "--quit" in sys.argv:
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
