"""Every table of every domain, for alembic and tests."""

from ecabinet.auth import models as auth_models  # noqa: F401
from ecabinet.meetings import models as meetings_models  # noqa: F401
from ecabinet.meetings.agenda import models as agenda_models  # noqa: F401
from ecabinet.meetings.conclusions import models as conclusions_models  # noqa: F401
from ecabinet.meetings.votes import models as votes_models  # noqa: F401
from ecabinet.notifications import models as notifications_models  # noqa: F401
from ecabinet.org import models as org_models  # noqa: F401
from ecabinet.platform import audit, files  # noqa: F401
from ecabinet.platform.db import Base
from ecabinet.tasks import models as tasks_models  # noqa: F401

metadata = Base.metadata
