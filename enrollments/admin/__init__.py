from . import enrollment, orders, past_completions, payments, retakes  # noqa: F401
