# syntax=docker/dockerfile:1
# The image of the `backup` service (and of `restore`): the e-Cabinet package on PostgreSQL's
# own image, so that pg_dump / pg_restore are exactly the major version of the `db` service
# (a pg_dump older than the server refuses to dump it). Keep the tag equal to db's image.
# Build context: backend/ (docker compose build does this). See docs/deployment.md, Backups.
FROM postgres:16-bookworm

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ECABINET_ENV=production \
    ECABINET_DATA_DIR=/data

# Debian bookworm's Python is 3.11, what the package needs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# Only the package itself: no .env, keys or local data can reach the image.
WORKDIR /src
COPY pyproject.toml ./
COPY ecabinet ./ecabinet
RUN pip install . && rm -rf /src

# The same unprivileged uid as the API (10001), so that it reads the files volume; backups
# and data private to it.
RUN groupadd --system --gid 10001 ecabinet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /backups --no-create-home \
            --shell /usr/sbin/nologin ecabinet \
 && mkdir -p /backups /data/files \
 && chown -R 10001:10001 /backups /data \
 && chmod -R go-rwx /backups /data

USER 10001:10001
WORKDIR /backups
# not PostgreSQL's server entrypoint: this image only runs ecabinet commands
ENTRYPOINT []
CMD ["ecabinet", "backup", "--help"]
