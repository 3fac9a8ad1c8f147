"""The production deployment: docker-compose.yml, the images and deploy/nginx.conf.

No Docker engine is needed: the compose file is checked against the Compose Specification
schema (vendored in deploy/compose-spec.json) and for the properties production relies on;
when the `docker-compose` binary is installed, it must also accept the file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SCHEMA_FILE = ROOT / "deploy" / "compose-spec.json"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
BACKEND_DOCKERFILE = ROOT / "backend" / "Dockerfile"
FRONTEND_DOCKERFILE = ROOT / "deploy" / "frontend.Dockerfile"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"

# Values for the variables the compose file requires (`${VAR:?…}`).
DUMMY_ENV = {
    "POSTGRES_PASSWORD": "0123456789abcdef",
    "ECABINET_SECRET_KEY": "0123456789abcdef0123456789abcdef",
    "ECABINET_BALLOT_KEY": "q3JfX0l8cTQ2Wm9SbTdoVnBEZ2tBMXNOeUV1Yi1MT2M",
    "ECABINET_PUBLIC_URL": "https://ecabinet.example.test",
    "ECABINET_BACKUP_RECIPIENTS": "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
}
BACKUP_DOCKERFILE = ROOT / "deploy" / "backup.Dockerfile"
API_PROXIED_PREFIXES = [
    "/graphql",
    "/auth/",
    "/files/",
    "/.well-known/",
    "/healthz",
    "/readyz",
]
_DEFAULT = re.compile(r"^\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}$")


def _compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def _service(name: str) -> dict:
    return _compose()["services"][name]


def _resolved(value: object) -> str:
    """A scalar with a `${VAR:-default}` interpolation replaced by its default."""
    text = str(value)
    m = _DEFAULT.match(text)
    if m and m.group("default") is not None:
        return m.group("default")
    return text


def _as_list(command: object) -> list[str]:
    if isinstance(command, str):
        return command.split()
    return [str(part) for part in command or []]


def _nginx() -> str:
    text = NGINX_CONF.read_text(encoding="utf-8")
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def _blocks(text: str, keyword: str) -> dict[str, str]:
    """`keyword ARGS { body }` blocks (with nested braces) → {ARGS: body}."""
    found = {}
    for m in re.finditer(rf"(?m)^\s*{keyword}\s+([^{{;]*?)\s*\{{", text):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        found[m.group(1).strip()] = text[m.end() : i - 1]
    return found


def _locations() -> dict[str, str]:
    return _blocks(_nginx(), "location")


def _directives(body: str, name: str) -> list[str]:
    args = r"""((?:"[^"]*"|'[^']*'|[^;"'])*);"""
    return [m.strip() for m in re.findall(rf"(?m)^\s*{name}\s+{args}", body)]


# --- the compose file ---------------------------------------------------------------------------


def test_compose_file_matches_the_compose_specification():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(
        jsonschema.Draft7Validator(schema).iter_errors(_compose()),
        key=lambda e: list(e.absolute_path),
    )
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors
    )


def test_the_schema_is_the_compose_specification():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["title"] == "Compose Specification"
    assert {"services", "networks", "volumes", "secrets"} <= set(schema["properties"])


def test_compose_services_are_the_production_shape():
    services = _compose()["services"]
    assert {"db", "redis", "migrate", "api", "web"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_api_runs_at_least_two_processes_in_parallel():
    api = _service("api")
    replicas = int(_resolved(api.get("deploy", {}).get("replicas", 1)))
    command = _as_list(api.get("command"))
    if "--workers" not in command:  # fall back on the image's CMD
        cmd = re.search(r"(?m)^CMD\s+(\[.*\])", BACKEND_DOCKERFILE.read_text(encoding="utf-8"))
        command = json.loads(cmd.group(1)) if cmd else []
    workers = (
        int(_resolved(command[command.index("--workers") + 1])) if "--workers" in command else 1
    )
    assert replicas >= 2 or workers >= 2, (replicas, workers)


def test_api_binds_all_interfaces_inside_its_container():
    command = _as_list(_service("api")["command"])
    assert command[:2] == ["ecabinet", "serve"]
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert command[command.index("--port") + 1] == "8000"


def test_no_service_publishes_postgres_or_redis():
    services = _compose()["services"]
    assert "ports" not in services["db"]
    assert "ports" not in services["redis"]
    for name, service in services.items():
        for port in service.get("ports", []):
            target = str(port["target"]) if isinstance(port, dict) else str(port).split(":")[-1]
            target = target.split("/")[0]
            assert target not in {"5432", "6379"}, f"{name} publishes {port}"


def test_only_nginx_publishes_a_port():
    published = [name for name, s in _compose()["services"].items() if s.get("ports")]
    assert published == ["web"]


def test_api_and_migrate_are_configured_for_production():
    for name in ("api", "migrate"):
        env = _service(name)["environment"]
        assert env["ECABINET_ENV"] == "production", name
        assert env["DATABASE_URL"].startswith("postgresql://ecabinet:${POSTGRES_PASSWORD")
        assert env["DATABASE_URL"].endswith("@db:5432/ecabinet")
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["ECABINET_SIGNING_KEY_FILE"] == "/run/secrets/signing_key"
        # required from .env, with no default to fall back on
        assert env["ECABINET_SECRET_KEY"].startswith("${ECABINET_SECRET_KEY:?")
        assert env["ECABINET_BALLOT_KEY"].startswith("${ECABINET_BALLOT_KEY:?")
        assert env["ECABINET_PUBLIC_URL"].startswith("${ECABINET_PUBLIC_URL:?")
        assert "signing_key" in _service(name)["secrets"]
        assert "files:/data/files" in _service(name)["volumes"]
    assert "file" in _compose()["secrets"]["signing_key"]


def test_api_waits_for_migrations_and_healthy_dependencies():
    depends = _service("api")["depends_on"]
    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert depends["db"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    migrate = _service("migrate")
    assert _as_list(migrate["command"]) == ["ecabinet", "migrate"]
    assert migrate["image"] == _service("api")["image"]
    assert migrate["restart"] == "no"
    assert _service("web")["depends_on"]["api"]["condition"] == "service_healthy"


def test_healthchecks_and_restart_policies():
    services = _compose()["services"]
    assert "pg_isready" in " ".join(_as_list(services["db"]["healthcheck"]["test"]))
    assert "redis-cli ping" in " ".join(_as_list(services["redis"]["healthcheck"]["test"]))
    api_check = " ".join(_as_list(services["api"]["healthcheck"]["test"]))
    assert "urllib" in api_check and "/readyz" in api_check and "curl" not in api_check
    for name in ("db", "redis", "api", "web"):
        assert services[name]["restart"] in {"unless-stopped", "always"}, name


def test_data_lives_in_named_volumes():
    volumes = _compose()["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in _service("db")["volumes"]
    assert {"pgdata", "files"} <= set(volumes)


def test_backups_run_every_day_encrypted_with_the_databases_own_pg_dump():
    backup = _service("backup")
    script = " ".join(_as_list(backup["command"]))
    assert "ecabinet backup --encrypt --output /backups" in script
    assert "sleep" in script and "-mtime" in script  # a schedule, and old archives expire
    env = backup["environment"]
    assert env["ECABINET_BACKUP_RECIPIENTS"].startswith("${ECABINET_BACKUP_RECIPIENTS:?")
    assert _resolved(env["BACKUP_INTERVAL"]) == "86400"
    assert env["DATABASE_URL"] == _service("api")["environment"]["DATABASE_URL"]
    # the files are read, never written; no keys; no way out but the database
    assert "files:/data/files:ro" in backup["volumes"] and "backups:/backups" in backup["volumes"]
    assert "secrets" not in backup and "signing_key" not in json.dumps(backup)
    assert backup["networks"] == ["internal"] and "ports" not in backup
    assert backup["read_only"] is True and backup["cap_drop"] == ["ALL"]
    assert backup["restart"] == "unless-stopped"
    assert "-mmin" in " ".join(_as_list(backup["healthcheck"]["test"]))
    assert _compose()["volumes"]["backups"]["name"] == "ecabinet-backups"
    # pg_dump of the db's major version: the image is PostgreSQL's own, same tag
    assert backup["build"]["dockerfile"] == "../deploy/backup.Dockerfile"
    base = re.findall(r"(?m)^FROM\s+(\S+)", BACKUP_DOCKERFILE.read_text(encoding="utf-8"))
    db_major = _service("db")["image"].split(":")[1].split("-")[0]
    assert base == [f"postgres:{db_major}-bookworm"]
    assert re.search(r"(?m)^USER\s+10001", BACKUP_DOCKERFILE.read_text(encoding="utf-8"))


def test_restore_runs_only_on_demand_with_the_offline_identity():
    restore = _service("restore")
    assert restore["profiles"] == ["restore"]  # never started by `docker compose up`
    assert restore["restart"] == "no"
    assert restore["secrets"] == ["backup_identity"]
    assert "files:/data/files" in restore["volumes"]
    assert "file" in _compose()["secrets"]["backup_identity"]


def test_env_example_names_every_required_variable():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{(\w+):\?", COMPOSE_FILE.read_text(encoding="utf-8")))
    assert required == set(DUMMY_ENV)
    for name in required:
        assert re.search(rf"(?m)^{name}=", text), name


def test_docker_compose_accepts_the_file(tmp_path):
    binary = shutil.which("docker-compose")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("docker-compose is not installed (apt-get install docker-compose)")
        pytest.skip("docker-compose is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}
    env.update(DUMMY_ENV)
    env.setdefault("HOME", str(tmp_path))
    result = subprocess.run(
        [binary, "-f", str(COMPOSE_FILE), "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- nginx ----------------------------------------------------------------------------------------


def test_nginx_proxies_graphql_with_websocket_upgrade():
    graphql = _locations()["/graphql"]
    assert _directives(graphql, "proxy_pass") == ["http://ecabinet_api"]
    headers = _directives(graphql, "proxy_set_header")
    assert "Upgrade $http_upgrade" in headers
    assert "Connection $connection_upgrade" in headers
    assert "Host $host" in headers
    assert _directives(graphql, "proxy_http_version") == ["1.1"]
    timeout = _directives(graphql, "proxy_read_timeout")[0]
    assert int(timeout.rstrip("s")) >= 600
    maps = _blocks(_nginx(), "map")
    assert "upgrade" in maps["$http_upgrade $connection_upgrade"]


def test_nginx_proxies_every_api_path_to_the_replicas():
    locations = {key.split()[-1]: body for key, body in _locations().items()}
    for prefix in API_PROXIED_PREFIXES:
        assert _directives(locations[prefix], "proxy_pass") == ["http://ecabinet_api"], prefix
    upstream = _blocks(_nginx(), "upstream")["ecabinet_api"]
    assert _directives(upstream, "server")[0].startswith("api:8000")


def test_nginx_serves_the_spa_for_client_routes():
    locations = _locations()
    assert "/index.html" in _directives(locations["/"], "try_files")[0]
    # the OAuth redirect URI is the SPA's route, even though /auth/ is the API's
    # (a rewrite, not try_files, so that /index.html's location adds the SPA's CSP)
    callback = locations["= /auth/callback"]
    assert not _directives(callback, "proxy_pass")
    assert _directives(callback, "rewrite") == ["^ /index.html last"]


def test_nginx_adds_security_headers():
    text = _nginx()
    server = _blocks(text, "server")[""]
    for header in (
        'X-Content-Type-Options "nosniff"',
        'Referrer-Policy "no-referrer"',
        'X-Frame-Options "DENY"',
    ):
        # at server level, and repeated in every location that sets its own headers
        assert any(d.startswith(header) for d in _directives(server, "add_header")), header
        locations = _locations()
        assert "/graphql" in locations and "= /index.html" in locations, sorted(locations)
        for key, body in locations.items():
            added = _directives(body, "add_header")
            assert not added or any(d.startswith(header) for d in added), (key, header)


def test_nginx_spa_csp_matches_the_frontend():
    index = _locations()["= /index.html"]
    csp = next(
        d for d in _directives(index, "add_header") if d.startswith("Content-Security-Policy")
    )
    vite = ROOT / "frontend" / "vite.config.ts"
    m = re.search(
        r"CONTENT_SECURITY_POLICY\s*=\s*\[(.*?)\]\.join",
        vite.read_text("utf-8"),
        re.DOTALL,
    )
    if m is None:
        pytest.skip("frontend/vite.config.ts defines no CONTENT_SECURITY_POLICY")
    expected = "; ".join(re.findall(r'"([^"]*)"', m.group(1)))
    assert csp == f'Content-Security-Policy "{expected}" always'


# --- images ---------------------------------------------------------------------------------------


def test_backend_image_is_slim_non_root_and_serves_on_all_interfaces():
    text = BACKEND_DOCKERFILE.read_text(encoding="utf-8")
    froms = re.findall(r"(?m)^FROM\s+(\S+)", text)
    assert len(froms) >= 2 and all(f == "python:3.11-slim" for f in froms)
    user = re.findall(r"(?m)^USER\s+(\S+)", text)
    assert user and user[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r"(?m)^EXPOSE\s+8000\b", text)
    cmd = json.loads(re.search(r"(?m)^CMD\s+(\[.*\])", text).group(1))
    assert cmd[:2] == ["ecabinet", "serve"]
    assert cmd[cmd.index("--host") + 1] == "0.0.0.0"
    assert int(cmd[cmd.index("--workers") + 1]) >= 2
    copied = " ".join(re.findall(r"(?m)^COPY\s+(?!--from)(.*)$", text))
    assert ".env" not in copied and not re.search(r"(^|\s)\.(\s|$)", copied)


def test_frontend_image_builds_the_spa_into_nginx():
    text = FRONTEND_DOCKERFILE.read_text(encoding="utf-8")
    froms = re.findall(r"(?m)^FROM\s+(\S+)", text)
    assert froms[0].startswith("node:20") and froms[-1].startswith("nginx:")
    assert "npm run build" in text
    assert re.search(r"(?m)^COPY\s+deploy/nginx\.conf\s+/etc/nginx/conf\.d/default\.conf", text)
    # the build context is the repository root: ignore everything but what the build needs
    ignore = (ROOT / "deploy" / "frontend.Dockerfile.dockerignore").read_text(encoding="utf-8")
    rules = [line for line in ignore.splitlines() if line.strip() and not line.startswith("#")]
    assert rules[0] == "*"
    web = _service("web")["build"]
    assert web["dockerfile"] == "deploy/frontend.Dockerfile" and web["context"] == "."
