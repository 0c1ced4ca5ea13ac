"""One error type for everything a user can get wrong; the CLI prints it on one line, exit 2."""

from __future__ import annotations


class DrafterError(Exception):
    """A user-facing error: where it happened, what is wrong, how to fix it."""

    def __init__(self, message: str, *, file: str | None = None, place: str | None = None,
                 fix: str | None = None) -> None:
        self.message = message
        self.file = file
        self.place = place
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.place) if p)
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f" ({self.fix})"
        return " ".join(text.split("\n"))
