"""The images lab's training run: the digits and the convolutional network the config
describes (sessions/model_run.py does the rest)."""

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from ...engine import Snapshot
from ...protocol import SessionConfig, lab_part
from ...sessions.frame import Detail
from ...sessions.model_run import HostData, ModelRun
from ...sessions.requests import check_in_range
from ...sessions.training import finite_or_none
from .data import image_data, split_upload, uploaded_set
from .explain import explain_jit
from .network import ConvNet
from .protocol import (
    CLASSES,
    UPLOAD_PREFIX,
    ConvExplanationHeader,
    ExplainConv,
    ImagesConfig,
    side_of,
)
from .uploads import UploadedSet


def images_config(config: SessionConfig) -> ImagesConfig:
    return lab_part(config, ImagesConfig)


def network_of(config: SessionConfig) -> ConvNet:
    c = images_config(config)
    return ConvNet(tuple(c.filters), c.kernel, c.stride, c.padding, c.pooling, c.activation,
                   tuple(c.dense), c.shift, c.rotate, size=side_of(c.dataset))


class ImagesRun(ModelRun):
    """Its lab data: the user's drawing (pixels (side, side, 1)), the probe while there is
    one."""

    data_fields = frozenset({"dataset", "train_share", "data_seed"})
    # The frames' gradient over 256 training images, their losses over 512 training and
    # 512 test images: over all of them (1,500 of 28 x 28 for Fashion-MNIST) the backward
    # and forward passes made most of a frame's cost.
    gradient_rows = 256
    evaluation_rows = 512

    # The uploaded set this run trains on, by name: the store may drop it (it keeps the
    # last few sets of the whole server) while a new split or seed of it is still asked.
    upload: tuple[str, UploadedSet] | None = None

    def make_data(self, config: SessionConfig) -> HostData:
        c = images_config(config)
        if not c.dataset.startswith(UPLOAD_PREFIX):
            return HostData(*image_data(c.dataset, c.train_share, c.data_seed))
        if self.upload is None or self.upload[0] != c.dataset:
            self.upload = (c.dataset, uploaded_set(c.dataset))
        return HostData(*split_upload(self.upload[1], c.train_share, c.data_seed))

    def model_of(self, config: SessionConfig, host: HostData) -> ConvNet:
        return network_of(config)

    def problem(self, config: SessionConfig) -> str:
        return "multiclass"

    def dropout(self, config: SessionConfig) -> tuple[float, ...]:
        return (images_config(config).dropout,)

    def draws_random_numbers(self, config: SessionConfig) -> bool:
        c = images_config(config)
        return super().draws_random_numbers(config) or c.shift > 0 or c.rotate > 0

    def _probe(self, host: HostData, drawn: np.ndarray | None,
               config: SessionConfig) -> tuple[np.ndarray, int]:
        """The probe image and its class (-1 for a drawing, which probes the digits only)."""
        if drawn is not None and drawn.shape == host.x_test.shape[1:]:
            return drawn, -1
        index = images_config(config).probe % len(host.x_test)
        return host.x_test[index], int(host.y_test[index, 0])

    def probes(self, host: HostData, lab_data: Any, config: SessionConfig,
               ) -> dict[str, Any]:
        probe, _ = self._probe(host, lab_data, config)
        return {"probe": jnp.asarray(probe[None]), "test": jnp.asarray(host.x_test)}

    def frame_arrays(self, snap: Snapshot, detail: Detail) -> dict[str, np.ndarray]:
        model, views = self.trainer.model, snap.views
        truth = self.host_data.y_test[:, 0].astype(np.int64)
        predictions = np.asarray(views["predictions"][:len(truth)], np.int32)
        confusion = np.bincount(truth * CLASSES + predictions, minlength=CLASSES * CLASSES)
        probe, label = self._probe(self.host_data, self.lab_data, self.config)
        arrays = {
            "probe": np.ascontiguousarray(probe[:, :, 0], np.float32),
            "probe_label": np.array([label], np.int32),
            "feature_maps": np.asarray(views["feature_maps"], np.float32),
            "map_shapes": np.array([[s, s, f] for s, f in zip(model.map_sides, model.filters,
                                                               strict=True)], np.int32),
            "probabilities": np.asarray(views["probabilities"], np.float32),
            "saliency": np.asarray(views["saliency"], np.float32),
            "predictions": predictions,
            "confusion": confusion.reshape(CLASSES, CLASSES).astype(np.int32),
        }
        if detail.parameters:
            conv, grads = snap.params["conv"], snap.grads["conv"]
            arrays["kernels"] = np.concatenate([np.ravel(layer["w"]) for layer in conv])
            arrays["kernel_grads"] = np.concatenate([np.ravel(layer["w"]) for layer in grads])
            arrays["kernel_shapes"] = np.array([np.shape(layer["w"]) for layer in conv],
                                               np.int32)
        return arrays

    def explain_conv(self, question: ExplainConv,
                     ) -> tuple[ConvExplanationHeader, dict[str, np.ndarray]]:
        """One convolution at one output position of the probe: the answer's header and
        arrays."""
        model = self.trainer.model
        check_conv_question(question, model)
        probe, _ = self._probe(self.host_data, self.lab_data, self.config)
        got = jax.device_get(explain_jit(model, question.layer)(
            self.state.params, jnp.asarray(probe[None]), jnp.int32(question.filter),
            jnp.int32(question.row), jnp.int32(question.column)))
        in_pool = model.pooling != "none" and bool(got.in_pool)
        side = ([model.size, *model.map_sides])[question.layer]
        before = model.padding_before(side)
        header = ConvExplanationHeader(
            reply_to=question.id, step=int(self.state.step), layer=question.layer,
            filter=question.filter, row=question.row, column=question.column,
            kernel=model.kernel, stride=model.stride, padding=model.padding,
            activation_name=model.activation, pooling=model.pooling,
            input_row=question.row * model.stride - before,
            input_column=question.column * model.stride - before, input_side=side,
            sum=finite_or_none(got.total), bias=finite_or_none(got.bias),
            pre_activation=finite_or_none(got.pre_activation),
            activation=finite_or_none(got.activation),
            pooled=finite_or_none(got.pooled) if in_pool else None,
            pool_row=question.row // 2 if in_pool else None,
            pool_column=question.column // 2 if in_pool else None)
        pool_window = got.pool_window if in_pool else np.zeros((0, 0))
        return header, {"window": np.asarray(got.window, np.float32),
                        "kernel": np.asarray(got.kernel, np.float32),
                        "products": np.asarray(got.products, np.float32),
                        "pool_window": np.asarray(pool_window, np.float32)}


def check_conv_question(question: ExplainConv, model: ConvNet) -> None:
    """Refuse (RequestError) a layer, filter or position that the network does not have."""
    layers = len(model.filters)
    limits = {"layer": layers}
    if question.layer < layers:
        side = model.conv_sides[question.layer]
        limits |= {"filter": model.filters[question.layer], "row": side, "column": side}
    check_in_range(question, limits)
