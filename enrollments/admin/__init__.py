from . import enrollment, orders, retakes  # noqa: F401
