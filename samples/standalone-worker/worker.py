"""A background worker: every half second it records that it is alive, in its filesystem service."""
import json
import os
import time

spool = json.loads(os.environ["PM_SERVICES"])["spool"]["directory"]
heartbeat = os.path.join(spool, "heartbeat.json")
while True:
    with open(heartbeat + ".tmp", "w") as out:
        json.dump({"pid": os.getpid(), "time": time.time(), "port": os.environ.get("PM_PORT")}, out)
    os.replace(heartbeat + ".tmp", heartbeat)
    time.sleep(0.5)
