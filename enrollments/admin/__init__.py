from . import enrollment, orders  # noqa: F401
