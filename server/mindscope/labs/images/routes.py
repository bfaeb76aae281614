"""The images lab's one HTTP question: which of its data sets this server can load now
(Fashion-MNIST only where Debian's package is installed), for the page to offer."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from .fashion import fashion_available
from .protocol import FASHION_CLASSES, FASHION_HOW

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
