"""The images lab's network against independent oracles: its gradient (every layer kind:
convolution, max and average pooling, dense, with L2) against finite differences, and its
feature maps, pooling and views, and the step-through of one convolution (window, kernel,
products, sum, bias, activation and pooling), against a NumPy convolution written out loop
by loop."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from finite_differences import numeric_gradient

from mindscope.engine import Regime, Trainer, hyper
from mindscope.labs.images.data import split_digits
from mindscope.labs.images.network import ConvNet
from mindscope.labs.images.protocol import spatial_sizes


@pytest.mark.parametrize(("pooling", "padding", "stride", "dense"), [
    ("max", "same", 1, ()), ("avg", "valid", 1, (5,)), ("none", "same", 2, (4,)),
])
def test_the_gradient_of_every_layer_kind_matches_finite_differences(
        pooling: str, padding: str, stride: int, dense: tuple[int, ...]) -> None:
    with jax.enable_x64(True):
        model = ConvNet((2, 3), 3, stride, padding, pooling, "tanh", dense, classes=4, size=6)
        trainer = Trainer(model, "multiclass", "cross_entropy", "sgd", batch_bucket=4,
                          regime=Regime(l2=True))
        params = jax.tree.map(lambda a: a.astype(jnp.float64), model.init(2, "xavier"))
        rng = np.random.default_rng(0)
        x = jnp.asarray(rng.uniform(0, 1, (5, 6, 6, 1)))
        y = jnp.asarray(rng.integers(0, 4, (5, 1)).astype(float))
        weights = jnp.asarray([1.0, 1.0, 0.0, 1.0, 1.0])  # a row left out
        h = hyper(l2=0.01)

        def loss(p):
            return trainer.objective(p, x, y, weights, h)

        analytic = jax.grad(loss)(params)
        numeric = numeric_gradient(loss, params)
        for a, n in zip(jax.tree.leaves(analytic), jax.tree.leaves(numeric), strict=True):
            np.testing.assert_allclose(a, n, rtol=1e-5, atol=1e-8)


def _numpy_conv(image: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int,
                padding: str) -> np.ndarray:
    """image (side, side, in), w (k, k, in, out): the cross-correlation a CNN computes."""
    k = w.shape[0]
    if padding == "same":
        side = image.shape[0]
        out_side = -(-side // stride)
        total = max((out_side - 1) * stride + k - side, 0)
        before = total // 2
        image = np.pad(image, ((before, total - before), (before, total - before), (0, 0)))
    else:
        out_side = (image.shape[0] - k) // stride + 1
    out = np.zeros((out_side, out_side, w.shape[3]))
    for i in range(out_side):
        for j in range(out_side):
            window = image[i * stride:i * stride + k, j * stride:j * stride + k, :]
            for f in range(w.shape[3]):
                out[i, j, f] = np.sum(window * w[:, :, :, f]) + b[f]
    return out


def _numpy_pool(maps: np.ndarray, kind: str) -> np.ndarray:
    side = maps.shape[0] // 2
    blocks = maps[:2 * side, :2 * side].reshape(side, 2, side, 2, -1)
    return blocks.max(axis=(1, 3)) if kind == "max" else blocks.mean(axis=(1, 3))


@pytest.mark.parametrize(("filters", "kernel", "stride", "padding", "pooling"), [
    ((3, 2), 3, 1, "same", "max"), ((3,), 5, 1, "valid", "none"), ((3,), 3, 2, "same", "avg"),
    ((2, 2, 2), 3, 2, "same", "none"),
])
def test_feature_maps_and_views_match_numpy(filters: tuple[int, ...], kernel: int, stride: int,
                                            padding: str, pooling: str) -> None:
    model = ConvNet(filters, kernel, stride, padding, pooling, "relu", (6,))
    params = model.init(4, "he")
    images = split_digits(0.5, 0).x_test[:5]
    logits, acts = model.apply(params, jnp.asarray(images))
    h = np.asarray(images[0], np.float64)
    for i, layer in enumerate(params["conv"]):
        h = np.maximum(_numpy_conv(h, np.asarray(layer["w"]), np.asarray(layer["b"]), stride,
                                   padding), 0.0)
        if pooling != "none":
            h = _numpy_pool(h, pooling)
        np.testing.assert_allclose(acts[f"conv{i + 1}"][0], h, rtol=1e-4, atol=1e-5)
    assert [a.shape[1] for name, a in acts.items() if name.startswith("conv")] == \
        spatial_sizes(8, len(filters), kernel, stride, padding, pooling)
    flat = h.reshape(-1)
    dense = np.maximum(flat @ np.asarray(params["dense"][0]["w"]) + params["dense"][0]["b"], 0)
    expected = dense @ np.asarray(params["dense"][1]["w"]) + params["dense"][1]["b"]
    np.testing.assert_allclose(logits[0], expected, rtol=1e-4, atol=1e-5)

    def forward(p, x, _h):
        return model.apply(p, x)

    views = model.views(forward, None, params, None, {"probe": jnp.asarray(images[:1]),
                                                       "test": jnp.asarray(images)})
    probabilities = np.exp(expected - expected.max())
    np.testing.assert_allclose(views["probabilities"], probabilities / probabilities.sum(),
                               rtol=1e-4)
    np.testing.assert_array_equal(views["predictions"], np.argmax(logits, axis=1))
    assert views["feature_maps"].shape == (sum(a[0].size for n, a in acts.items()
                                               if n.startswith("conv")),)
    assert views["saliency"].shape == (8, 8) and float(views["saliency"].max()) > 0


def test_the_digits_split_by_share_and_seed() -> None:
    half, other = split_digits(0.5, 0), split_digits(0.5, 1)
    assert len(half.x_train) + len(half.x_test) == 1797
    assert len(half.x_train) == round(0.5 * 1797)
    assert half.x_train.shape[1:] == (8, 8, 1)
    assert 0 <= half.x_train.min() <= half.x_train.max() <= 1
    assert not np.array_equal(half.y_train, other.y_train)
    assert set(np.unique(half.y_train)) == set(range(10))


def test_training_images_shift_by_at_most_the_setting_with_a_blank_border() -> None:
    from mindscope.labs.images.network import shifted

    images = split_digits(0.5, 0).x_train[:40]
    moved = np.asarray(shifted(jnp.asarray(images), jax.random.key(3), 1))
    seen = set()
    for original, out in zip(images, moved, strict=True):
        # The NumPy oracle: find the offset (each way at most 1) that explains the output.
        padded = np.pad(original, ((1, 1), (1, 1), (0, 0)))
        matches = [(dy, dx) for dy in range(3) for dx in range(3)
                   if np.array_equal(padded[dy:dy + 8, dx:dx + 8], out)]
        assert matches, "an image moved by more than one pixel, or changed"
        seen.update(matches)
    assert len(seen) > 3  # the offsets vary from image to image
    model = ConvNet((4,), shift=2)
    params = model.init(0)
    plain, _ = model.apply(params, jnp.asarray(images))
    assert np.array_equal(model.apply(params, jnp.asarray(images), jnp.zeros(8))[0], plain)
    trained, _ = model.apply(params, jnp.asarray(images), jnp.zeros(8), jax.random.key(0))
    assert not np.allclose(trained, plain)  # only a training step (with a key) shifts


def _numpy_turn(image: np.ndarray, degrees: float) -> np.ndarray:
    """image (side, side) turned anticlockwise about its centre, pixel by pixel: each
    output pixel reads the input where its offset from the centre, turned back, lands,
    mixing the four pixels around that point by their distance (0 outside)."""
    side = image.shape[0]
    centre, angle = (side - 1) / 2, np.deg2rad(degrees)
    out = np.zeros_like(image)

    def pixel(r: int, c: int) -> float:
        return float(image[r, c]) if 0 <= r < side and 0 <= c < side else 0.0

    for i in range(side):
        for j in range(side):
            di, dj = i - centre, j - centre
            r = centre + np.cos(angle) * di + np.sin(angle) * dj
            c = centre - np.sin(angle) * di + np.cos(angle) * dj
            r0, c0 = int(np.floor(r)), int(np.floor(c))
            fr, fc = r - r0, c - c0
            out[i, j] = ((1 - fr) * (1 - fc) * pixel(r0, c0) + (1 - fr) * fc * pixel(r0, c0 + 1)
                         + fr * (1 - fc) * pixel(r0 + 1, c0) + fr * fc * pixel(r0 + 1, c0 + 1))
    return out


def test_training_images_turn_as_a_numpy_rotation_does() -> None:
    from mindscope.labs.images.network import rotate

    images = split_digits(0.5, 0).x_train[:4]
    x = jnp.asarray(images)
    turn = {d: np.asarray(rotate(x, jnp.full(4, np.deg2rad(d), jnp.float32)))
            for d in (0, 90, 180, 17, -20)}
    np.testing.assert_allclose(turn[0], images, atol=1e-6)  # 0 degrees: the identity
    np.testing.assert_allclose(turn[90], np.rot90(images, 1, axes=(1, 2)), atol=1e-5)
    np.testing.assert_allclose(turn[180], images[:, ::-1, ::-1], atol=1e-5)
    for degrees in (17, -20):
        for image, out in zip(images, turn[degrees], strict=True):
            np.testing.assert_allclose(out[:, :, 0], _numpy_turn(image[:, :, 0], degrees),
                                       atol=1e-5)
    model = ConvNet((4,), rotate=20)
    params = model.init(0)
    plain, _ = model.apply(params, x)
    assert np.array_equal(model.apply(params, x, jnp.zeros(8))[0], plain)
    trained, _ = model.apply(params, x, jnp.zeros(8), jax.random.key(0))
    assert not np.allclose(trained, plain)  # only a training step (with a key) turns


def _numpy_window(image: np.ndarray, k: int, stride: int, padding: str, row: int,
                  column: int) -> np.ndarray:
    """The (k, k, in) window of image (side, side, in) under output position (row, column),
    zeros where same padding reaches outside, read pixel by pixel."""
    side = image.shape[0]
    before = 0
    if padding == "same":
        before = max((-(-side // stride) - 1) * stride + k - side, 0) // 2
    window = np.zeros((k, k, image.shape[2]))
    for i in range(k):
        for j in range(k):
            r, c = row * stride - before + i, column * stride - before + j
            if 0 <= r < side and 0 <= c < side:
                window[i, j] = image[r, c]
    return window


@pytest.mark.parametrize(("filters", "kernel", "stride", "padding", "pooling", "activation"), [
    ((3, 2), 3, 1, "same", "max", "relu"), ((3, 2), 3, 1, "same", "avg", "tanh"),
    ((2, 3), 3, 1, "valid", "none", "tanh"), ((3, 2), 3, 2, "same", "none", "relu"),
    ((2,), 5, 1, "same", "avg", "relu"), ((2,), 5, 2, "valid", "none", "tanh"),
    ((2,), 3, 2, "valid", "max", "relu"),  # a side of 3: its last row and column unpooled
])
def test_one_convolution_stepped_through_matches_numpy(
        filters: tuple[int, ...], kernel: int, stride: int, padding: str, pooling: str,
        activation: str) -> None:
    from mindscope.labs.images.explain import explain_jit

    model = ConvNet(filters, kernel, stride, padding, pooling, activation)
    params = model.init(7, "he")
    image = split_digits(0.5, 0).x_test[3]
    act = np.maximum if activation == "relu" else None

    def activate(z: np.ndarray) -> np.ndarray:
        return act(z, 0.0) if act is not None else np.tanh(z)

    h = np.asarray(image, np.float64)
    for layer, weights in enumerate(params["conv"]):
        w, b = np.asarray(weights["w"], np.float64), np.asarray(weights["b"], np.float64)
        z = _numpy_conv(h, w, b, stride, padding)
        maps = activate(z)
        side = z.shape[0]
        assert side == model.conv_sides[layer]
        explain = explain_jit(model, layer)
        f = filters[layer] - 1
        for row in range(side):
            for column in range(side):
                got = jax.device_get(explain(params, jnp.asarray(image[None]), jnp.int32(f),
                                             jnp.int32(row), jnp.int32(column)))
                window = _numpy_window(h, kernel, stride, padding, row, column)
                np.testing.assert_allclose(got.window, window, rtol=1e-5, atol=1e-6)
                np.testing.assert_allclose(got.kernel, w[:, :, :, f], rtol=1e-6)
                np.testing.assert_allclose(got.products, window * w[:, :, :, f], rtol=1e-5,
                                           atol=1e-6)
                assert float(got.total) == pytest.approx(np.sum(window * w[:, :, :, f]),
                                                         rel=1e-4, abs=1e-5)
                assert float(got.bias) == pytest.approx(b[f], rel=1e-6)
                assert float(got.pre_activation) == pytest.approx(z[row, column, f],
                                                                  rel=1e-4, abs=1e-5)
                assert float(got.activation) == pytest.approx(maps[row, column, f],
                                                              rel=1e-4, abs=1e-5)
                pooled_side = side // 2
                inside = pooling != "none" and row // 2 < pooled_side and \
                    column // 2 < pooled_side
                assert bool(got.in_pool) == inside
                if inside:
                    r, c = 2 * (row // 2), 2 * (column // 2)
                    block = maps[r:r + 2, c:c + 2, f]
                    np.testing.assert_allclose(got.pool_window, block, rtol=1e-4, atol=1e-5)
                    pooled = _numpy_pool(maps, pooling)[row // 2, column // 2, f]
                    assert float(got.pooled) == pytest.approx(pooled, rel=1e-4, abs=1e-5)
        h = _numpy_pool(maps, pooling) if pooling != "none" else maps
