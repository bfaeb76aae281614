"""A live session: one training run, its settings, and the connections watching it.

The session's loop is the only code that touches its TrainingRun, and it does so
from a worker thread, so the event loop stays free for every other client.
Control messages only record what to do; the loop applies them before its next
chunk, and the frame after that reflects them.
"""

import asyncio
import json
import time

from pydantic import ValidationError

from .. import codec
from ..protocol import (
    DataHeader,
    Error,
    FrameHeader,
    Hello,
    Pause,
    Play,
    Reset,
    SessionConfig,
    SetConfig,
    State,
    Step,
    client_message,
    error_from_validation,
)
from ..settings import Settings
from .connection import Connection
from .run import OUTPUT_RANGE, FrameData, TrainingRun

DIVERGED = (
    "Training diverged: the loss became infinite or NaN, so the learning rate is probably "
    "too large. Paused, with the last finite weights (step {step}) restored."
)


def _request_id(text: str) -> int | None:
    """The id of a message that failed validation, if one can be read, to echo back."""
    try:
        value = json.loads(text).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Session:
    def __init__(self, session_id: str, config: SessionConfig, settings: Settings) -> None:
        self.id = session_id
        self.settings = settings
        self.config = config
        self.config_version = 0
        self.playing = True
        self.connections: set[Connection] = set()
        self.last_active = time.monotonic()
        self._applied: tuple[SessionConfig, int] | None = None  # what the run trains with
        self._reset = False
        self._steps_requested = 0
        self._step_budget = 0.0
        self._updates_per_s = 1e4  # refined by measurement; caps a tick's work
        self._wake = asyncio.Event()
        self._latest_frame: bytes | None = None
        self._data_message: bytes | None = None
        self._task: asyncio.Task[None] | None = None

    # -- connections ---------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=f"session-{self.id[:8]}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def attach(self, conn: Connection) -> None:
        self.connections.add(conn)
        conn.send(Hello(session_id=self.id, config=self.config, playing=self.playing)
                  .model_dump_json())
        if self._data_message is not None:
            conn.send(self._data_message)
        if self._latest_frame is not None:
            conn.offer_frame(self._latest_frame)
        self._wake.set()

    def detach(self, conn: Connection) -> None:
        self.connections.discard(conn)
        self.last_active = time.monotonic()

    def _broadcast(self, message: str | bytes) -> None:
        for conn in self.connections:
            conn.send(message)

    def _state(self, reply_to: int | None = None) -> str:
        return State(config=self.config, config_version=self.config_version,
                     playing=self.playing, reply_to=reply_to).model_dump_json()

    # -- control -------------------------------------------------------------

    def handle(self, text: str, conn: Connection) -> None:
        """Apply one control message from a connection, replying to it or to everyone."""
        try:
            message = client_message.validate_json(text)
        except ValidationError as exc:
            conn.send(error_from_validation(exc, _request_id(text)).model_dump_json())
            return
        match message:
            case Play():
                self.playing = True
            case Pause():
                self.playing = False
            case Step(steps=steps):
                self._steps_requested += steps
            case Reset():
                self._reset = True
            case SetConfig(changes=changes):
                merged = {**self.config.model_dump(), **changes.model_dump(exclude_none=True)}
                try:
                    self.config = SessionConfig.model_validate(merged)
                except ValidationError as exc:
                    conn.send(error_from_validation(exc, message.id).model_dump_json())
                    return
                self.config_version += 1
        self._broadcast(self._state(reply_to=message.id))
        self._wake.set()

    # -- the training loop ---------------------------------------------------

    async def _loop(self) -> None:
        tick = 1.0 / self.settings.frame_rate
        run = await asyncio.to_thread(TrainingRun, self.config, self.settings.grid_resolution)
        self._applied = (self.config, self.config_version)
        self._publish_data(run)
        self._publish_frame(await asyncio.to_thread(run.frame))
        while True:
            started = time.monotonic()
            training = self.playing and bool(self.connections)
            steps = self._take_steps(tick) if training else 0
            steps += self._steps_requested
            self._steps_requested = 0
            config, version = self.config, self.config_version
            reconfigure = (config, version) != self._applied
            reset, self._reset = self._reset, False
            if steps or reconfigure or reset:
                data_version = run.data_version
                frame = await asyncio.to_thread(self._work, run, config, reset, steps)
                self._applied = (config, version)
                if run.data_version != data_version:
                    self._publish_data(run)
                self._publish_frame(frame)
                if steps:
                    elapsed = time.monotonic() - started
                    self._updates_per_s = 0.8 * self._updates_per_s + 0.2 * steps / max(
                        elapsed, 1e-4
                    )
            if self.playing and self.connections:
                await asyncio.sleep(max(0.0, tick - (time.monotonic() - started)))
            else:
                await self._wake.wait()
                self._wake.clear()

    def _take_steps(self, tick: float) -> int:
        """Steps for this tick at the chosen speed, capped to what fits in one tick."""
        cap = max(1.0, self._updates_per_s * tick)
        self._step_budget = min(self._step_budget + self.config.steps_per_second * tick, cap)
        steps = int(self._step_budget)
        self._step_budget -= steps
        return steps

    @staticmethod
    def _work(run: TrainingRun, config: SessionConfig, reset: bool, steps: int) -> FrameData:
        run.reconfigure(config)
        if reset:
            run.reset()
        return run.advance(steps) if steps else run.frame()

    def _publish_data(self, run: TrainingRun) -> None:
        data = run.host_data
        self._data_message = codec.encode(
            DataHeader(data_version=run.data_version).model_dump(exclude={"arrays"}),
            {"x_train": data.x_train, "y_train": data.y_train,
             "x_test": data.x_test, "y_test": data.y_test},
        )
        self._broadcast(self._data_message)

    def _publish_frame(self, frame: FrameData) -> None:
        if frame.diverged:
            self.playing = False
            self._broadcast(Error(message=DIVERGED.format(step=frame.step)).model_dump_json())
            self._broadcast(self._state())
        header = FrameHeader(
            step=frame.step, epoch=frame.epoch, train_loss=frame.train_loss,
            test_loss=frame.test_loss, config_version=self._applied[1] if self._applied else 0,
            playing=self.playing,
        )
        self._latest_frame = codec.encode(
            header.model_dump(exclude={"arrays"}), {"output": frame.output},
            {"output": OUTPUT_RANGE},
        )
        for conn in self.connections:
            conn.offer_frame(self._latest_frame)
