"""The one error type the front doors (CLI, window) turn into a message."""


class InputError(Exception):
    """Unusable input: a file, figure or option we cannot use.

    ``str()`` is one line of Chinese a clerk can act on; the CLI prints it and
    exits 2, the window shows it in a message box. Never a traceback.
    """
