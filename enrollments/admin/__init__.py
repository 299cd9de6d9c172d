from . import enrollment, orders, past_completions, retakes  # noqa: F401
