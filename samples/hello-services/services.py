"""Connections to the services Paasmaker made for this application, from PM_SERVICES."""
import json
import os

import psycopg2
import redis


def _service(name):
    services = json.loads(os.environ["PM_SERVICES"])
    if name not in services:
        raise SystemExit("PM_SERVICES has no service '%s'; the manifest's services are %s"
                         % (name, ", ".join(sorted(services)) or "none"))
    return services[name]


def postgres():
    """The PostgreSQL database: {"protocol": "pgsql", "hostname", "port", "username", "database", "password"}."""
    db = _service("db")
    return psycopg2.connect(host=db["hostname"], port=db["port"], dbname=db["database"],
                            user=db["username"], password=db["password"], connect_timeout=10)


def redis_server():
    """The Redis server: {"protocol": "redis", "hostname", "port", "password"}."""
    cache = _service("cache")
    return redis.Redis(host=cache["hostname"], port=cache["port"], password=cache["password"],
                       socket_timeout=10, decode_responses=True)


def version():
    """This version's number, from PM_METADATA."""
    return json.loads(os.environ["PM_METADATA"])["application"]["version"]
