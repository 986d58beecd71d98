"""The reference library's (3.x) ``dnastack.constants``: the version and the local folder.

``__version__`` is this SDK's (also ``dnastack.__version__``); ``LOCAL_STORAGE_DIRECTORY`` is
``~/.dnastack``, the folder of the default configuration file and sessions.
"""

from __future__ import annotations

import os

from dnastack import __version__

__all__ = ["LOCAL_STORAGE_DIRECTORY", "__version__"]

LOCAL_STORAGE_DIRECTORY = os.path.join(os.path.expanduser("~"), ".dnastack")
