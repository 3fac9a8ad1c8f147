"""Every table of every domain, for alembic and tests."""

from ecabinet.auth import models as auth_models  # noqa: F401
from ecabinet.org import models as org_models  # noqa: F401
from ecabinet.platform import audit  # noqa: F401
from ecabinet.platform.db import Base

metadata = Base.metadata
