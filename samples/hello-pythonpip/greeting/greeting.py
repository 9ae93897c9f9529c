"""A stand-in library, installed into the virtualenv by pip like any requirement."""


def hello(name):
    return "Hello from " + name + ", with a library pip installed"
