"""Builds the wheel of the greeting library into the directory given, with nothing but the standard
library: the sample then prepares where no package index is reachable."""
import base64
import hashlib
import os
import sys
import zipfile

NAME, VERSION = "hello_greeting", "1.0"


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def main(target):
    os.makedirs(target, exist_ok=True)
    info = "%s-%s.dist-info" % (NAME, VERSION)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "greeting.py"), "rb") as source:
        files = {
            "greeting.py": source.read(),
            info + "/METADATA": ("Metadata-Version: 2.1\nName: hello-greeting\nVersion: %s\n" % VERSION).encode(),
            info + "/WHEEL": b"Wheel-Version: 1.0\nGenerator: make_wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        }
    record = [record_line(path, data) for path, data in files.items()] + [info + "/RECORD,,"]
    files[info + "/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = os.path.join(target, "%s-%s-py3-none-any.whl" % (NAME, VERSION))
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    print("built " + wheel)


if __name__ == "__main__":
    main(sys.argv[1])
