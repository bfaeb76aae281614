"""The user's own labelled images: a zip of one folder per class (the folder's name is the
class's), PNG or JPEG images inside. Every file is checked and every problem named with
its file; a set with any problem is refused whole, so nothing is silently dropped. The
images become grayscale, UPLOAD_SIDE x UPLOAD_SIDE (stretched where not square), pixels
in [0, 1]. Accepted sets are kept in memory under an id, the last STORED_UPLOADS only."""

import io
import secrets
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
from PIL import Image, UnidentifiedImageError

from .protocol import CLASSES, UPLOAD_PREFIX, UPLOAD_SIDE

MAX_ZIP_BYTES = 20 * 2**20
MAX_FILE_BYTES = 8 * 2**20  # one image, uncompressed: a zip bomb stops here
MAX_UNZIPPED_BYTES = 64 * 2**20  # all of them
MAX_ENTRIES = 10_000  # files and folders in the zip: past this, nothing more is read
MAX_IMAGES = 2_000  # every frame evaluates them all: 0.6 s a frame at 2,000 here (2 cores)
MAX_PIXELS = 4096 * 4096  # one image's, checked before it is decoded
# All images' together, checked before each is decoded: 4,096 tiny zipped PNGs of
# 4096 x 4096 would otherwise take minutes of a worker's time to decode.
MAX_TOTAL_PIXELS = 64 * 2**20
MIN_CLASSES = 2
STORED_UPLOADS = 8  # at most 8 x 2,000 x 28 x 28 float32: 50 MB; the oldest goes first
FORMATS = {"PNG", "JPEG", "MPO"}  # MPO: the JPEG of many cameras and phones
# What a zip made on a Mac or by a file manager adds besides the user's files (and the
# Mac's "._name" files beside each one).
METADATA = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")
APPLE_DOUBLE = "._"


@dataclass(frozen=True)
class Problem:
    file: str  # the path in the zip; "" for the zip as a whole
    reason: str


class UploadRefused(ValueError):
    """The zip's problems, every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"the images were not taken: {len(problems)} problem"
                         f"{'s' if len(problems) != 1 else ''}")
        self.problems = problems


@dataclass(frozen=True)
class UploadedSet:
    """Images (N, side, side, 1) in [0, 1] and their class indices (N,), by the classes'
    names in sorted order; the files left out as metadata, named."""

    images: np.ndarray
    labels: np.ndarray
    classes: tuple[str, ...]
    ignored: tuple[str, ...]


def read_upload(body: bytes) -> UploadedSet:
    """The labelled images of a zip, or UploadRefused naming every problem."""
    if len(body) > MAX_ZIP_BYTES:
        raise UploadRefused([Problem("", f"the zip is {len(body):,} bytes, at most "
                                     f"{MAX_ZIP_BYTES:,}")])
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        raise UploadRefused([Problem("", "not a zip file")]) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UploadRefused([Problem("", f"the zip holds {len(entries):,} files and "
                                         f"folders, at most {MAX_ENTRIES:,}")])
        return _read_entries(archive, entries)


def _read_entries(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> UploadedSet:
    problems: list[Problem] = []
    ignored = [e.filename for e in entries if _is_metadata(e.filename)]
    entries = [e for e in entries if not _is_metadata(e.filename)]
    prefix = _common_folder(entries)
    declared = sum(e.file_size for e in entries)
    if declared > MAX_UNZIPPED_BYTES:
        raise UploadRefused([Problem("", f"its files unzip to {declared:,} bytes, at most "
                                     f"{MAX_UNZIPPED_BYTES:,}")])
    image_files = sum(1 for e in entries if not e.is_dir() and len(_parts(e, prefix)) == 2)
    if image_files > MAX_IMAGES:  # before decoding any of them
        raise UploadRefused([Problem("", f"{image_files:,} images, at most {MAX_IMAGES:,}")])
    pixels_left = [MAX_TOTAL_PIXELS]
    folders: dict[str, list[np.ndarray | str]] = {}  # an image, or its problem
    for entry in entries:
        parts = _parts(entry, prefix)
        if parts and (entry.is_dir() or len(parts) > 1):
            folders.setdefault(parts[0], [])  # a class folder, even if nothing good is in it
        if entry.is_dir():
            if len(parts) > 1:
                problems.append(Problem(entry.filename, "a folder inside a class folder: "
                                        "put the images directly in their class's folder"))
            continue
        if len(parts) == 1:
            problems.append(Problem(entry.filename, "not in a class folder: each image "
                                    "goes in the folder named after its class"))
            continue
        if len(parts) > 2:
            problems.append(Problem(entry.filename, "in a folder inside a class folder: "
                                    "put it directly in its class's folder"))
            continue
        image = _decoded_or_problem(archive, entry, pixels_left)
        if isinstance(image, str):
            problems.append(Problem(entry.filename, image))
        folders[parts[0]].append(image)
    problems += _set_problems(folders, prefix, entries)
    if problems:
        raise UploadRefused(problems)
    classes = tuple(sorted(folders))
    images = np.stack([image for name in classes for image in folders[name]])
    labels = np.concatenate([np.full(len(folders[name]), i) for i, name in
                             enumerate(classes)])
    return UploadedSet(images[..., None], labels.astype(np.int32), classes, tuple(ignored))


def _parts(entry: zipfile.ZipInfo, prefix: str) -> tuple[str, ...]:
    """Its path's parts under the folder of class folders (a leading "/" is no folder)."""
    return PurePosixPath(entry.filename.lstrip("/")[len(prefix):]).parts


def _is_metadata(name: str) -> bool:
    base = PurePosixPath(name).name
    return (name.lstrip("/").startswith(METADATA[0]) or base in METADATA[1:]
            or base.startswith(APPLE_DOUBLE))


def _common_folder(entries: list[zipfile.ZipInfo]) -> str:
    """"name/" where every entry is inside one folder that holds only folders (a zip of
    the folder of class folders), else ""."""
    tops = {PurePosixPath(e.filename.lstrip("/")).parts[0] for e in entries
            if e.filename.strip("/")}
    if len(tops) != 1:
        return ""
    top = f"{tops.pop()}/"
    names = [e.filename.lstrip("/") for e in entries]
    inside = [name[len(top):] for name in names if name != top]
    holds_only_folders = all("/" in name.rstrip("/") or name.endswith("/") for name in inside)
    return top if inside and holds_only_folders else ""


def _decoded_or_problem(archive: zipfile.ZipFile, entry: zipfile.ZipInfo,
                        pixels_left: list[int]) -> np.ndarray | str:
    """One image as UPLOAD_SIDE x UPLOAD_SIDE float32 pixels in [0, 1], or what is wrong
    with it; its pixels are taken from `pixels_left` (the set's budget) before decoding."""
    if entry.file_size > MAX_FILE_BYTES:
        return f"{entry.file_size:,} bytes unzipped, at most {MAX_FILE_BYTES:,}"
    try:
        with archive.open(entry) as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the declared size may lie
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
        return f"unreadable in the zip: {error}"
    if len(raw) > MAX_FILE_BYTES:
        return f"more than {MAX_FILE_BYTES:,} bytes unzipped"
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in FORMATS:
                return f"a {image.format} image: only PNG and JPEG are taken"
            width, height = image.size
            if width * height > MAX_PIXELS:
                return f"{width} x {height} pixels, at most {MAX_PIXELS:,} in all"
            if width * height > pixels_left[0]:
                return (f"{width} x {height} pixels: past the set's {MAX_TOTAL_PIXELS:,} "
                        "pixels in all (make the images smaller)")
            pixels_left[0] -= width * height
            gray = image.convert("L").resize((UPLOAD_SIDE, UPLOAD_SIDE),
                                             Image.Resampling.BOX)
    except UnidentifiedImageError:
        return "not an image (PNG or JPEG)"
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        return f"an unreadable image: {error}"
    return np.asarray(gray, np.float32) / np.float32(255.0)


def _set_problems(folders: dict[str, list[np.ndarray | str]], prefix: str,
                  entries: list[zipfile.ZipInfo]) -> list[Problem]:
    """What is wrong with the set as a whole: its classes and its number of images."""
    problems = []
    for name in sorted(folders):
        if not folders[name]:
            problems.append(Problem(f"{prefix}{name}/", "a class folder with no images"))
    if not entries:
        problems.append(Problem("", "the zip is empty: it needs one folder of images per "
                                "class"))
    elif not MIN_CLASSES <= len(folders) <= CLASSES:
        problems.append(Problem("", f"{len(folders)} class folder"
                                f"{'s' if len(folders) != 1 else ''}: the network tells "
                                f"{MIN_CLASSES} to {CLASSES} classes apart"))
    return problems


class UploadStore:
    """The accepted sets by id, the last STORED_UPLOADS only (the oldest dropped), shared by
    every session of the server (sessions run on their own threads)."""

    def __init__(self, capacity: int = STORED_UPLOADS) -> None:
        self.capacity = capacity
        self._sets: OrderedDict[str, UploadedSet] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, uploaded: UploadedSet) -> str:
        """Its data set's name, "upload:" and a new id."""
        name = f"{UPLOAD_PREFIX}{secrets.token_hex(6)}"
        with self._lock:
            self._sets[name] = uploaded
            while len(self._sets) > self.capacity:
                self._sets.popitem(last=False)
        return name

    def get(self, name: str) -> UploadedSet | None:
        with self._lock:
            return self._sets.get(name)


UPLOADS = UploadStore()
GONE = (f"the server keeps only the last {STORED_UPLOADS} uploaded sets, and only until it "
        "restarts: upload the zip again")
