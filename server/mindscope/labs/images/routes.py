"""The images lab's HTTP routes: which of its data sets this server can load now
(Fashion-MNIST only where Debian's package is installed), for the page to offer; and the
user's own labelled images, uploaded as a zip (uploads.py checks them)."""

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, Field

from ...request_body import read_body
from .fashion import fashion_available
from .protocol import FASHION_CLASSES, FASHION_HOW, UPLOAD_PATTERN, UPLOAD_SIDE
from .uploads import (
    GONE,
    MAX_ZIP_BYTES,
    STORED_UPLOADS,
    UPLOADS,
    UploadedSet,
    UploadRefused,
    read_upload,
)

router = APIRouter(prefix="/api/labs/images")


class ImagesDatasets(BaseModel):
    """Whether each data set can be chosen, and how to get the one that cannot."""

    digits: bool = Field(True, description="scikit-learn's digits: always.")
    fashion: bool = Field(description="Fashion-MNIST: where its package is installed.")
    fashion_how: str = Field(FASHION_HOW, description="How to get Fashion-MNIST.")
    fashion_classes: list[str] = Field(list(FASHION_CLASSES), description="Its classes' "
                                       "names, by class index.")


@router.get("/datasets")
def datasets() -> ImagesDatasets:
    """Asked anew each time: installing the package needs no restart."""
    return ImagesDatasets(fashion=fashion_available())


class Upload(BaseModel):
    """An accepted set of the user's images."""

    dataset: str = Field(description="The data set's name for the session's `dataset`.")
    classes: list[str] = Field(description="The classes' names (their folders'), by class "
                               "index.")
    counts: list[int] = Field(description="Images per class.")
    side: int = Field(UPLOAD_SIDE, description="Each image's side, in pixels, as resized.")
    ignored: list[str] = Field(description="Files of the zip that are not images but a "
                               "system's metadata (__MACOSX/, .DS_Store…), left out.")
    kept: str = Field(f"The server keeps the last {STORED_UPLOADS} uploaded sets, until it "
                      "restarts.")


def upload_of(dataset: str, uploaded: UploadedSet) -> Upload:
    return Upload(dataset=dataset, classes=list(uploaded.classes),
                  counts=[int(n) for n in (uploaded.labels[:, None] ==
                                           range(len(uploaded.classes))).sum(axis=0)],
                  ignored=list(uploaded.ignored))


@router.post("/uploads", status_code=201, responses={
    413: {"description": f"The zip is over {MAX_ZIP_BYTES:,} bytes."},
    422: {"description": "detail: {message, problems: [{file, reason}…]}, every problem of "
          "the zip, each with its file ('' for the zip as a whole)."}})
async def upload(request: Request) -> Upload:
    """The user's labelled images: the request's body is a zip (application/zip) of one
    folder per class, named after it, holding its PNG or JPEG images (2 to 10 classes, at
    most 2,000 images). Each image becomes grayscale, side x side pixels (stretched
    where it is not square), in [0, 1]. Refused whole where anything is wrong."""
    body = await read_body(request, MAX_ZIP_BYTES, f"the zip is over {MAX_ZIP_BYTES:,} bytes")
    try:
        uploaded = await asyncio.to_thread(read_upload, body)
    except UploadRefused as refused:
        raise HTTPException(422, {"message": str(refused), "problems": [
            {"file": p.file, "reason": p.reason} for p in refused.problems]}) from None
    return upload_of(UPLOADS.add(uploaded), uploaded)


@router.get("/uploads/{dataset}", responses={404: {"description": GONE}})
def uploaded(dataset: Annotated[str, Path(pattern=UPLOAD_PATTERN)],
             ) -> Upload:
    """An uploaded set's classes, for a page that opens on it."""
    found = UPLOADS.get(dataset)
    if found is None:
        raise HTTPException(404, f"{dataset}: {GONE}")
    return upload_of(dataset, found)
