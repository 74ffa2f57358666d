"""Writes of the work–care records (one module per area; every public one listed here)."""

from .company import *  # noqa: F403
from .consultations import *  # noqa: F403
from .ledger import *  # noqa: F403
from .people import *  # noqa: F403
from .plans import *  # noqa: F403
from .portal import *  # noqa: F403
from .programs import *  # noqa: F403
from .report import *  # noqa: F403
