"""The built frontend as the real server sends it: the build's compressed copies to whom
accepts them, hashed assets cached for a year, pages revalidated; /docs offline."""

import gzip
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from mindscope.settings import Settings
from mindscope.static_files import accepted_encodings

STATIC = Settings().static_dir


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as answer:  # 304 comes as an HTTPError
        return answer.code, _lower(answer.headers), answer.read()


def _lower(headers: Message) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def _largest_script() -> Path:
    scripts = sorted((STATIC / "assets").glob("*.js"), key=lambda p: p.stat().st_size)
    if not scripts:
        pytest.fail("the frontend is not built: make test builds it")
    return scripts[-1]


def test_the_build_writes_compressed_copies_of_its_text_files() -> None:
    script = _largest_script()
    size = script.stat().st_size
    gz, br = (script.with_name(script.name + suffix).stat().st_size for suffix in (".gz", ".br"))
    print(f"{script.name}: {size} bytes, gzip {gz} ({size / gz:.1f}x), "
          f"brotli {br} ({size / br:.1f}x)")
    assert br < gz < size / 2
    assert gzip.decompress(script.with_name(script.name + ".gz").read_bytes()) == \
        script.read_bytes()


def test_assets_go_compressed_to_whom_accepts_and_are_cached_for_a_year(
        server_url: str) -> None:
    script = _largest_script()
    url = f"{server_url}/assets/{script.name}"
    status, plain_headers, plain = _get(url, **{"Accept-Encoding": "identity"})
    assert status == 200 and plain == script.read_bytes()
    assert "content-encoding" not in plain_headers
    assert plain_headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    assert headers["content-type"].startswith("text/javascript")
    assert headers["vary"] == "Accept-Encoding"
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip, deflate, br"})
    assert headers["content-encoding"] == "br" and len(body) < len(plain) / 2
    assert body == script.with_name(script.name + ".br").read_bytes()
    status, headers, _ = _get(url, **{"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "content-encoding" not in headers
    print(f"{script.name}: {len(plain)} bytes sent as {len(body)} with brotli")


def test_pages_are_revalidated_and_unchanged_ones_answer_304(server_url: str) -> None:
    status, headers, _ = _get(f"{server_url}/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["cache-control"] == "no-cache"
    status, _, body = _get(f"{server_url}/", **{"Accept-Encoding": "gzip",
                                                    "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


def test_api_docs_are_a_page_of_the_servers_own(server_url: str) -> None:
    status, headers, body = _get(f"{server_url}/docs")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<script" not in page and "cdn" not in page.lower() and "http" not in page
    assert "/api/sessions/{session_id}/weights.safetensors" in page
    assert 'href="/openapi.json"' in page and 'href="/api/protocol"' in page
    assert _get(f"{server_url}/redoc")[0] == 404


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepted_encodings("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted_encodings("BR;q=0.5, gzip;q=0") == {"br"}
    assert accepted_encodings("gzip;q=x, identity") == {"identity"}
    assert accepted_encodings("") == set()
