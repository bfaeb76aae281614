"""Where a session can be seen and what it can be saved as: its pages, its files."""

from pathlib import Path

from .addresses import page_url
from .errors import ServerError
from .files import download
from .mirror import Mirror


class Links(Mirror):
    """A session's pages and files on the server at `server` (http://host:port)."""

    server: str

    @property
    def url(self) -> str:
        """The page that controls this session (a view connection's: the view page)."""
        if self.id is None:
            return self.view_url
        return page_url(self.server, self.lab, session=self.id)

    @property
    def view_url(self) -> str:
        """The page that watches this session without control: a link to share."""
        return page_url(self.server, self.lab, view=self.view_id)

    def _repr_html_(self) -> str:
        """In Jupyter: the session's view page, live, in a frame."""
        return (f'<iframe src="{self.view_url}" width="100%" height="720" '
                f'style="border:1px solid #ccc" title="Mindscope session"></iframe>')

    def _control_id(self) -> str:
        if self.id is None:
            raise ServerError("a view connection cannot export: that needs the session's "
                              "control id (connect with session_id=...)", "session")
        return self.id

    def export(self, path: str | Path | None = None) -> bytes:
        """The session file (settings, weights, optimizer state, data, curves), which
        import_session opens again bit for bit; written to `path` if given."""
        return _saved(download(self.server, self._control_id(), "session"), path)

    def export_weights(self, path: str | Path | None = None) -> bytes:
        """The weights as safetensors, the config in its metadata."""
        return _saved(download(self.server, self._control_id(), "weights"), path)

    def export_curves(self, path: str | Path | None = None) -> str:
        """The server's curves as CSV (thinned past 2,000 rows; `history` has every step
        this client saw)."""
        text = download(self.server, self._control_id(), "curves")
        _saved(text, path)
        return text.decode("utf-8")


def _saved(content: bytes, path: str | Path | None) -> bytes:
    if path is not None:
        Path(path).write_bytes(content)
    return content
