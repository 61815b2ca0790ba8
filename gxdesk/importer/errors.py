"""The importer's refusal: unusable input, one line of Chinese (exit 2 in the CLI)."""

from gxdesk.errors import InputError


class ImportFileError(InputError):
    pass
