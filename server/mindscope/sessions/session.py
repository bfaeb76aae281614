"""A live session: one training run, its settings, and the connections watching it.

The session's loop is the only code that touches its lab's run, and it does so
from a worker thread, so the event loop stays free for every other client.
Control messages only record what to do (validated at once, answered at once);
the loop applies them before its next chunk, and the frame after that reflects them.
"""

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple, cast

import numpy as np
from pydantic import ValidationError

from .. import codec
from ..engine.landscape import LandscapeError, Slice
from ..labs.registry import lab_for
from ..protocol import (
    LAB_OF_REQUEST,
    LAB_REQUESTS,
    Error,
    FrameHeader,
    Hello,
    HistoryHeader,
    Landscape,
    LandscapeHeader,
    Pause,
    Play,
    Regenerate,
    Reset,
    SessionConfig,
    SetConfig,
    State,
    Step,
    StepEpoch,
    Subscribe,
    client_message,
    error_from_validation,
)
from ..settings import Settings
from . import archive
from .archive import Archive
from .capabilities import Role, new_id
from .connection import Connection
from .cost import Capacity, parameter_count, step_cost
from .divergence import Saturation, diverged_message
from .early_stopping import EarlyStopping
from .frame import Detail, FrameData
from .history import History
from .lab import KEEP, Run
from .pace import TRAINING, Pace
from .requests import Pending, RequestError, lab_changes, merge, request_id
from .turns import Turns

log = logging.getLogger(__name__)
EARLY_STOPPED = (
    "Early stopping: the test loss has not improved for {patience} steps. Paused, with the "
    "weights of step {step} restored (the lowest test loss, {loss:.4g})."
)
PARAMETER_ARRAYS = ("weights", "biases", "weight_grads", "bias_grads", "layer_stats",
                    "weight_hist", "grad_hist", "activation_hist")


class SessionStopped(RuntimeError):
    """The session's loop has ended, so it cannot do what was asked."""


class Mark(NamedTuple):
    """What a checkpoint reflects: equal marks, equal checkpoints."""

    frames: int
    playing: bool


class Session:
    def __init__(self, session_id: str, config: SessionConfig, settings: Settings,
                 archive: Archive | None = None, *, view_id: str | None = None,
                 playing: bool = False, on_data: Callable[[], None] = lambda: None,
                 turns: Turns | None = None) -> None:
        """A new session, or (with an archive) an imported one, which starts paused, or a
        checkpointed one, which keeps its view id and resumes `playing` as it was.
        `on_data` is told when the points change (after the run took them); `turns` is
        shared by the server's sessions (a lone session has its own)."""
        self.id = session_id
        self.view_id = view_id or new_id()  # the watch-only capability, shared as a view link
        self.settings = settings
        self.config = archive.config if archive else config
        self.lab = lab_for(self.config)
        # What the lab keeps beside its config (the 2D lab: the user's points).
        self.data: Any = archive.data if archive else None
        self.revision = 0  # counts accepted control messages; frames name the one they reflect
        self.playing = archive is None or playing
        self._archive = archive
        self._on_data = on_data
        self._frames = 0  # frames published: each one changes the run or its history
        self.connections: dict[Connection, Detail] = {}
        self.viewers: set[Connection] = set()  # those of `connections` that came by view link
        self.last_active = time.monotonic()
        self.history = History()
        # The config, lab data and revision the run last applied (compared by revision:
        # data are arrays, and every accepted message moves the revision on).
        self._applied: tuple[SessionConfig, Any, int] | None = None
        self._pending = Pending()
        self._waiting: int | None = None  # the revision whose program compiles, if any
        self._step_budget = 0.0
        self._requested = 0  # steps that step requests asked for and no tick has trained
        self._stops = 0  # pauses and the like so far: each ends what step requests ask
        self._capacity = Capacity()  # the work a second this run trains; caps a tick's
        self._frame_seconds = 0.0  # what the last frame took to compute (its snapshot)
        # One step of the network last applied, at its batch, in steps of the default one
        # (read by the server's step budget), and the steps of one epoch there.
        self.step_cost, self.epoch_steps = 1.0, 1
        self._costed: tuple[SessionConfig, int] | None = None  # what they were noted for
        self._pace = Pace()  # updates/s actually trained, for the frame header
        self._early_stopping = EarlyStopping()  # used on the worker thread only
        self._saturation = Saturation()  # used on the worker thread only
        self._diverged = ""  # why the last frame that diverged did (set with it)
        self._wake = asyncio.Event()
        self._latest: FrameData | None = None
        self._data_message: bytes | None = None
        self._sent_data_version: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._run: Run | None = None
        self._run_lock = asyncio.Lock()  # held while the run works on the worker thread
        self._slicing: set[Connection] = set()  # connections whose landscape is on its way
        self._aside: set[asyncio.Task[None]] = set()  # landscapes computed beside the loop
        self._turns = turns or Turns.for_settings(settings)

    # -- connections ---------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=f"session-{self.id[:8]}")
        self._task.add_done_callback(self._loop_ended)

    def _loop_ended(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and (exc := task.exception()) is not None:
            log.error("session %s stopped", self.id[:8], exc_info=exc)
            self._broadcast(Error(message=f"this session stopped after an internal error "
                                  f"({exc}); open a new one").model_dump_json())

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._aside) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def attach(self, conn: Connection, role: Role = "control") -> None:
        """Greet a new client; a watcher learns the view id only, never the control id."""
        self.connections[conn] = Detail()
        if role == "view":
            self.viewers.add(conn)
        conn.send(Hello(role=role, session_id=self.id if role == "control" else None,
                        view_id=self.view_id).model_dump_json())
        conn.send(self._state())
        conn.send(self._history_message())
        if self._data_message is not None:
            conn.send(self._data_message)
        if self._latest is not None:
            conn.offer_frame(self._encode_frame(self._latest, Detail()))
        self._wake.set()

    def detach(self, conn: Connection) -> None:
        self.connections.pop(conn, None)
        self.viewers.discard(conn)
        self.last_active = time.monotonic()

    def _broadcast(self, message: str | bytes) -> None:
        for conn in self.connections:
            conn.send(message)

    @property
    def problem(self) -> str:
        return self.lab.problem(self.config, self.data)

    def _state(self, reply_to: int | None = None) -> str:
        return State(config=self.config, revision=self.revision,
                     playing=self.playing, problem=self.problem,
                     classes=self.lab.classes(self.config, self.data),
                     reply_to=reply_to).model_dump_json()

    # -- control ---------------------------------------------------------------------

    def handle(self, text: str, conn: Connection) -> None:
        """Carry out one control message from a connection. A change is answered to every
        client with the new state; a question (explain) only to the asker; a refusal too."""
        try:
            message = client_message.validate_json(text)
        except ValidationError as exc:
            conn.send(error_from_validation(exc, request_id(text)).model_dump_json())
            return
        try:
            changed = self._apply(message, conn)
        except ValidationError as exc:
            conn.send(error_from_validation(exc, message.id).model_dump_json())
            return
        except RequestError as exc:
            conn.send(Error(message=str(exc), field=exc.field,
                            reply_to=message.id).model_dump_json())
            return
        if changed:
            self.revision += 1
            self._broadcast(self._state(reply_to=message.id))
        self._wake.set()

    def _apply(self, message: Any, conn: Connection) -> bool:
        """Record what a message asks; False for a question that changes nothing."""
        match message:
            case _ if isinstance(message, LAB_REQUESTS):
                return self._accept(message, conn)
            case Landscape():
                if conn in self._slicing:
                    raise RequestError("a landscape is already being computed for this "
                                       "connection: wait for it", "type")
                self._slicing.add(conn)
                self._pending.landscapes.append((conn, message))
                return False
            case Play():
                self.playing = True
            case Pause():
                self.playing = False
                self._stop_requests()
            case Step(steps=steps):
                self._pending.steps += steps
            case StepEpoch():
                self._pending.epochs += 1
            case Reset():
                self._pending.reset = True
            case Regenerate():
                self._set_config(lab_changes(self.config, data_seed=secrets.randbelow(2**31)),
                                 self.data)
            case SetConfig(changes=given):
                changes: dict[str, Any] = given.model_dump(exclude_none=True)
                self.lab.check_changes(changes, self.data)
                self._set_config(changes, self.data)
            case Subscribe():
                # This connection's own frames only: nothing shared changes, so no new
                # revision and no state for the others. The asker's answer comes just
                # before the first frame made with what it now subscribes to.
                self.connections[conn] = Detail(message.output_resolution,
                                                message.neuron_resolution, message.parameters,
                                                conn.deflates(message.compression))
                self._pending.subscribed.append((conn, message.id))
                return False
        return True

    def _accept(self, message: Any, conn: Connection) -> bool:
        """One of the lab's own requests, as the lab takes it."""
        if (lab := LAB_OF_REQUEST[type(message)]) != self.lab.name:
            raise RequestError(f"type: {message.type!r} is a request of the lab {lab!r}; "
                               f"this session is of the lab {self.lab.name!r}", "type")
        accepted = self.lab.accept(message, self.config, self.data)
        if accepted.changes is not None or accepted.data is not KEEP:
            data = self.data if accepted.data is KEEP else accepted.data
            self._set_config(accepted.changes or {}, data,
                             None if accepted.data is KEEP else accepted.replaces_data)
        if accepted.job is not None:
            self._pending.jobs.append((conn, message.id if accepted.answers else None,
                                       accepted.job))
        return not accepted.question

    def _set_config(self, changes: dict[str, Any], data: Any, new_data: bool | None = None,
                    ) -> None:
        """Take a change. New data (`new_data`; by default, a change of what the run
        learns) or a new problem start a new run; an edit of the data (drawn points,
        `new_data` False) keeps the run unless it changes the problem."""
        old = self.lab.learns(self.config, self.data), self.problem
        self.config = merge(self.config, changes, lambda config: self.lab.problem(config, data))
        self.data = data
        learns, problem = self.lab.learns(self.config, data), self.problem
        if new_data or (new_data is None and learns != old[0]):
            why = f"the data changed to {learns}"
        elif problem != old[1]:
            why = f"the problem changed to {problem}"
        else:
            return
        # Curves of one data set continued on another would spike and mean nothing: the
        # weights start afresh from the same seed (as Reset does), the curves at step 0.
        self._pending.reset = True
        self._pending.new_run = (f"New run: {why}. Step 0, fresh weights from the same seed; "
                                 "the last run's curve is kept, greyed, for comparison.")

    # -- the training loop -----------------------------------------------------------

    def _detail(self) -> Detail:
        details = list(self.connections.values()) or [Detail()]
        return Detail(max(d.output_resolution for d in details),
                      max(d.neuron_resolution for d in details),
                      any(d.parameters for d in details))

    async def _loop(self) -> None:
        tick = 1.0 / self.settings.frame_rate
        async with self._run_lock:
            # What the first frame reflects: changes that arrive while it builds come after.
            first = (self.config, self.data, self.revision)
            run = await asyncio.to_thread(self.lab.run, first[0], first[1])
            if self._archive is not None:
                await asyncio.to_thread(archive.restore, run, self._archive)
                archive.restore_history(self.history, self._archive.history)
                self._broadcast(self._history_message())  # for clients that came early
                self._archive = None
            self._applied = first
            self._cost_of(run)
            self._data_message = await asyncio.to_thread(self.lab.data_message, run)
            self._publish(await asyncio.to_thread(run.frame, self._detail()))
            self._run = run
        previous = next_tick = time.monotonic()
        due = True
        while True:
            started = time.monotonic()
            # Woken early by a message, the loop only applies it, so that its frame comes at
            # once; the steps due meanwhile are trained at the next tick, which a stream of
            # messages cannot put off: a tick that is due trains, woken or not.
            training = self.playing and bool(self.connections) and due
            steps = self._take_steps(started - previous, tick) if training else 0
            previous = started if training else previous
            rest_until = started  # no rest unless this tick's work is heavy (_rest_until)
            if steps or self._changed() or self._requested:
                pending = Pending()
                # A change waiting for its program is not urgent again until it is applied.
                urgent = self._changed() and self._waiting != self.revision
                try:
                    async with self._run_lock, self._turns.turn(urgent=urgent):
                        # Taken only now: what arrived while this session waited its turn
                        # is in this frame.
                        pending, self._pending = self._pending, Pending()
                        pending.steps += self._requested
                        self._requested, stops = 0, self._stops
                        wanted = (self.config, self.data, self.revision)
                        began = time.monotonic()
                        frame = await asyncio.to_thread(self._work, run, wanted, pending, steps,
                                                        self._tick_seconds(tick), self._detail(),
                                                        set(self.connections.values()))
                        rest_until = self._rest_until(began, time.monotonic(), tick)
                except Exception as exc:  # a bug must not end the session: report, go back
                    self._recover(exc, pending)
                    continue
                if self._applied is not None and self._applied[2] == wanted[2]:
                    self._waiting = None
                    self._answer(pending)
                    # A frame: _work gives None only while a change waits, unapplied.
                    self._publish(cast(FrameData, frame), reset=pending.reset,
                                  new_run=pending.new_run)
                    if self._stops == stops:  # what step requests still ask, for later ticks
                        self._requested += pending.steps
                else:
                    # Its program compiles beside the session: every ask waits for it, in
                    # order, while the frames (if any) come from the settings before.
                    self._waiting = wanted[2]
                    if self._stops != stops:  # paused meanwhile: the step requests end
                        pending.steps = pending.epochs = 0
                    self._pending = pending.then(self._pending)
                    if frame is not None:
                        self._publish(frame)
            # Until the next tick (paused: none), or at once when a message or client comes.
            # Ticks keep to a fixed grid, so that the frame rate holds; missed ones are dropped.
            playing = ((self.playing and self.connections) or self._waiting is not None
                       or self._requested > 0)
            next_tick = max(next_tick, time.monotonic() - tick, rest_until)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(next_tick - time.monotonic() if playing else None):
                    await self._wake.wait()
            woken = self._wake.is_set()
            self._wake.clear()
            if woken:  # a flood of messages is applied in batches: at most 4 a tick
                await asyncio.sleep(max(started + tick / 4, rest_until) - time.monotonic())
            due = not woken or time.monotonic() >= next_tick
            if due:
                next_tick += tick

    def _answer(self, pending: Pending) -> None:
        """Send what the applied asks produced: replies, landscapes to compute beside the
        loop, subscriptions' answers."""
        for conn, reply in pending.replies:
            conn.send(reply)
        for conn, asked, job in pending.slices:
            self._aside.add(task := asyncio.create_task(self._slice(conn, asked, job)))
            task.add_done_callback(self._aside.discard)
        # A landscape that failed before its job was made is answered already.
        self._slicing -= ({conn for conn, _ in pending.landscapes}
                          - {conn for conn, _, _ in pending.slices})
        for conn, asked_id in pending.subscribed:
            conn.send(self._state(reply_to=asked_id))

    def _changed(self) -> bool:
        """Whether something waits to be applied or answered."""
        return bool(self._pending) or self._applied is None or self._applied[2] != self.revision

    async def export(self) -> bytes:
        """The session as a file (see archive.py), taken between two chunks once every change
        accepted before the call is applied (one may wait beside the loop for its program)."""
        asked = self.revision
        while (self._applied is not None and self._applied[2] < asked) or (
                taken := await self.checkpoint()) is None:
            if self._task is None or self._task.done():  # and never will: its loop ended
                raise SessionStopped("this session stopped before its network was built, "
                                     "so there is nothing to export; open a new one")
            await asyncio.sleep(0.05)
        return taken[0]

    @property
    def mark(self) -> Mark:
        return Mark(self._frames, self.playing)

    async def checkpoint(self) -> tuple[bytes, Mark] | None:
        """The session as a file and the mark it reflects; None before the network is built."""
        if self._run is None:
            return None
        async with self._run_lock:
            mark = self.mark  # read with the run idle: frames are published as it is released
            data = self._applied[1] if self._applied else self.data
            return await asyncio.to_thread(archive.dump, self._run, data, self.history), mark

    def warn(self, message: str) -> None:
        """Tell every client something about the server (not about a message of theirs)."""
        self._broadcast(Error(message=message).model_dump_json())

    def _recover(self, exc: Exception, pending: Pending) -> None:
        log.exception("session %s failed to apply a change", self.id[:8])
        self._stop_requests()
        for conn, asked_id, _ in pending.jobs:  # every question gets its answer
            if asked_id is not None:
                conn.send(Error(message="the request could not be answered: the last change "
                                        "failed", reply_to=asked_id).model_dump_json())
        for conn, landscape in pending.landscapes:
            self._slicing.discard(conn)
            conn.send(Error(message="the landscape could not be computed: the last change "
                                    "failed", reply_to=landscape.id).model_dump_json())
        for conn, asked_id in pending.subscribed:
            conn.send(self._state(reply_to=asked_id))
        if self._applied is not None:
            self.config, self.data, _ = self._applied
        self.playing = False
        self.revision += 1
        self._broadcast(Error(message=f"the last change could not be applied ({exc}); the "
                              "session is paused with its previous settings").model_dump_json())
        self._broadcast(self._state())

    def _tick_seconds(self, tick: float) -> float:
        """The training time of this session's tick: half a tick, of its share of the
        workers; the frame and the other sessions get the rest. Where a session has the
        workers to itself and its frame takes longer than half a tick (a large network's,
        over many examples), training takes as long as the frame: frames come less often
        (at 50 ms a frame, still 10 a second), and training keeps half the session's time
        rather than next to none. Sharing the workers, frames slowed by the others' work
        must not earn longer training: that would slow everyone's answers."""
        share = TRAINING.fraction(self.id)
        return (max(tick / 2, self._frame_seconds) if share >= 1 else tick / 2) * share

    def _rest_until(self, began: float, ended: float, tick: float) -> float:
        """When this session may take the workers again after holding one from `began` to
        `ended`. One step of the largest network at a batch of 5,000 takes longer than a
        tick's share, and cannot be cut: while more sessions train than there are cores,
        such a session frames less often, so that over time it holds the workers no longer
        than half of its share of them (what a tick's training may take), and the others
        keep their frame rate. Heavy by its steps' rate against the share of half a tick,
        not by how long this work took, nor by its rate slowed by contention (with many
        sessions, the lightest work takes long), nor by the training a slow frame earns."""
        fraction = TRAINING.fraction(self.id)
        rate = self._capacity.unloaded_steps_per_second(self.step_cost)
        if fraction >= 1 or rate * tick / 2 * fraction >= 1:
            return ended  # a core of its own, or steps that fit its share: slices keep it fair
        return began + 2 * (ended - began) / fraction

    def _steps_within(self, seconds: float) -> int:
        """The steps this session's network trains in `seconds` (its measured rate for the
        work a step costs, so a large network and batch get fewer); at least one."""
        return max(1, int(self._capacity.steps_per_second(self.step_cost) * seconds))

    def _take_steps(self, elapsed: float, tick: float) -> int:
        """Playing steps due for the `elapsed` seconds since the last tick at the chosen
        speed, capped at the tick's share."""
        cap = self._steps_within(self._tick_seconds(tick))
        self._step_budget = min(self._step_budget + self.config.steps_per_second * elapsed, cap)
        steps = int(self._step_budget)
        self._step_budget -= steps
        return steps

    def _stop_requests(self) -> None:
        """A pause, a divergence, early stopping or a failed change ends what step requests
        still ask for."""
        self._stops += 1
        self._requested = 0
        self._pending.steps = self._pending.epochs = 0

    def _work(self, run: Run, wanted: tuple[SessionConfig, Any, int],
              pending: Pending, steps: int, seconds: float, detail: Detail,
              details: set[Detail],
              ) -> FrameData | None:
        """On the worker thread: apply what was asked, then train for about `seconds`: the
        playing `steps` and what step requests ask for, as many as the network now in force
        trains in that time (what is left stays in `pending.steps`), so that 100,000 steps
        of the largest network at its largest batch hold the workers no longer than a
        frame's share, even in the tick of the change that made it so large; snapshot,
        and encode the frame for each of `details` (the event loop has enough to do sending
        it). While the program a change needs compiles, nothing is applied
        (`_applied` stays) and the playing steps train as before; None when there are
        none."""
        config, data, _ = wanted
        data_version = run.data_version
        applied = run.reconfigure(config, data)
        self._cost_of(run)
        share = self._steps_within(seconds)
        steps = min(steps, share)  # owed at the cost before a change: at most this tick's
        if not applied:
            return self._frame(run, steps, detail, details) if steps else None
        if pending.reset:
            run.reset()
        for conn, asked_id, job in pending.jobs:  # the lab's, in the order asked
            if (reply := job(run)) is not None and asked_id is not None:
                pending.replies.append((conn, reply))
        for conn, asked in pending.landscapes:  # taken here, computed beside the loop
            try:
                pending.slices.append((conn, asked, run.landscape(
                    asked.directions, asked.resolution, asked.span, asked.seed)))
            except Exception as exc:
                pending.replies.append((conn, self._landscape_failed(asked, exc)))
        # Epochs counted now, after the change: in the batch size and data now in force.
        requested = pending.steps + pending.epochs * run.steps_per_epoch
        taken = min(requested, max(share - steps, 1))
        pending.steps, pending.epochs = requested - taken, 0
        steps += taken
        self._applied = wanted
        frame = self._frame(run, steps, detail, details)
        if run.data_version != data_version:
            self._data_message = self.lab.data_message(run)
        return frame

    def _cost_of(self, run: Run) -> None:
        """Note what a step and an epoch of the run's network cost (the one its config asks
        for, whichever trains meanwhile: the padding of one that bridges a compile is no
        work the user asked for), once for each config and data."""
        if self._costed != (costed := (run.config, run.data_version)):
            self._costed = costed
            self.step_cost = step_cost(parameter_count(run.exact_params()), run.batch_size)
            self.epoch_steps = run.steps_per_epoch

    def _frame(self, run: Run, steps: int, detail: Detail, details: set[Detail],
               ) -> FrameData:
        """Train `steps` and snapshot, with early stopping; encoded for each of `details`."""
        began = time.monotonic()
        frame = run.advance(steps, detail) if steps else run.frame(detail)
        trained = run.train_seconds if steps else 0.0
        self._frame_seconds = max(0.0, time.monotonic() - began - trained)
        if steps:
            self._capacity.measure(steps, run.train_seconds, self.step_cost)
        if steps and not frame.diverged:
            frame = self._early_stopping.check(run, frame, run.config, detail)
        data = self._applied[1] if self._applied else None
        problem = self.lab.problem(run.config, data)
        if steps and not frame.diverged and not frame.early_stopped:
            stats = frame.arrays.get("layer_stats")
            frame.stuck = self._saturation.check(
                frame.header, None if stats is None else stats[:, 0], problem=problem,
                loss=run.config.loss, classes=self.lab.classes(run.config, data),
                learning_rate=run.config.learning_rate, init=run.config.init)
        if frame.diverged:  # why, told with the frame (the run's data may change after)
            self._diverged = diverged_message(frame.header["step"], run.config.learning_rate,
                                              problem, run.host_data.y_train)
        self._pace.add(steps)
        frame.encoded = {d: self._encode_frame(frame, d) for d in details}
        return frame

    async def _slice(self, conn: Connection, asked: Landscape,
                     job: Callable[[], Slice]) -> None:
        """Compute a landscape on a worker thread while the session goes on training (its
        first slice compiles for most of a second), then answer the asker. It takes a turn
        like any training, so that slices cannot crowd out the other sessions."""
        try:
            async with self._turns.turn(urgent=False):
                reply = await asyncio.to_thread(self._landscape_reply, asked, job)
        finally:
            self._slicing.discard(conn)
        conn.send(reply)

    def _landscape_reply(self, asked: Landscape, job: Callable[[], Slice]) -> str | bytes:
        try:
            got = job()
            finite = got.loss[np.isfinite(got.loss)]
            header = LandscapeHeader(
                reply_to=asked.id, step=int(got.path_steps[-1]), directions=asked.directions,
                span=asked.span, low=float(finite.min()) if finite.size else 0.0,
                high=float(finite.max()) if finite.size else 0.0)
            return codec.encode(header.model_dump(exclude={"arrays"}), {
                "loss": got.loss, "path": got.path, "path_steps": got.path_steps})
        except LandscapeError as exc:
            return Error(message=str(exc), field="directions",
                         reply_to=asked.id).model_dump_json()
        except Exception as exc:
            return self._landscape_failed(asked, exc)

    def _landscape_failed(self, asked: Landscape, exc: Exception) -> str:
        log.error("session %s failed to compute a landscape", self.id[:8], exc_info=exc)
        return Error(message=f"the landscape could not be computed ({exc})",
                     reply_to=asked.id).model_dump_json()

    def _history_message(self, new_run: str | None = None) -> bytes:
        return codec.encode(HistoryHeader(new_run=new_run).model_dump(exclude={"arrays"}),
                            self.history.arrays())

    def _publish(self, frame: FrameData, reset: bool = False,
                 new_run: str | None = None) -> None:
        header = frame.header
        if self._data_message is not None and header["data_version"] != self._sent_data_version:
            first_with_own = self._applied is not None and self._applied[1] is not None
            if self._sent_data_version is not None or first_with_own:
                self._on_data()  # new data (or a first build that already had the lab's own)
            self._sent_data_version = header["data_version"]
            self._broadcast(self._data_message)
        self._frames += 1
        if reset:
            self.history.clear()
            self._broadcast(self._history_message(new_run))
        self.history.add(header)
        if frame.diverged or frame.stuck:
            self.playing = False
            self._stop_requests()
            self._broadcast(Error(message=frame.stuck or self._diverged,
                                  code="stuck" if frame.stuck else "diverged").model_dump_json())
            self._broadcast(self._state())
        if frame.early_stopped:
            self.playing = False
            self._stop_requests()
            step, loss = frame.early_stopped
            self._broadcast(Error(message=EARLY_STOPPED.format(
                patience=self.config.patience, step=step, loss=loss),
                code="early_stopped").model_dump_json())
            self._broadcast(self._state())
        self._latest = frame
        if frame.encoded and self.playing != frame.playing:  # a play or pause meanwhile
            frame.encoded.clear()
        for conn, detail in self.connections.items():
            if detail not in frame.encoded:  # a client that came or subscribed meanwhile
                frame.encoded[detail] = self._encode_frame(frame, detail)
            conn.offer_frame(frame.encoded[detail])

    def _encode_frame(self, frame: FrameData, detail: Detail) -> bytes:
        if detail.deflate:  # once for every connection of this detail that takes it so
            plain = replace(detail, deflate=False)
            if plain not in frame.encoded:
                frame.encoded[plain] = self._encode_frame(frame, plain)
            return codec.deflate(frame.encoded[plain])
        frame.playing = self.playing and not (frame.diverged or frame.stuck
                                              or frame.early_stopped)
        header = FrameHeader(
            **frame.header, updates_per_s=self._pace.rate(),
            revision=self._applied[2] if self._applied else 0, playing=frame.playing,
        )
        arrays = {
            name: array for name, array in frame.arrays.items()
            if not (name.startswith("neuron") and not detail.neuron_resolution)
            and not (name in PARAMETER_ARRAYS and not detail.parameters)
        }
        return codec.encode(header.model_dump(exclude={"arrays"}), arrays, frame.ranges)
