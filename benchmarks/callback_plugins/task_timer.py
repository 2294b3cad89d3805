# -*- coding: utf-8 -*-
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A per-task timer for benchmarks/run profile: after the play recap, one line per task, ``TIMER <seconds> <task>``."""

from __future__ import annotations

DOCUMENTATION = r'''
name: task_timer
type: aggregate
short_description: Print the wall time of each task (benchmarks only, not shipped)
description:
  - Used by benchmarks/bench_profile.py to see where a playbook's time goes.
requirements:
  - enabled in callbacks_enabled
'''

import time
import typing as t

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self) -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.current: t.Optional[tuple[str, float]] = None
        self.times: list[tuple[float, str]] = []

    def _close(self) -> None:
        if self.current:
            name, started = self.current
            self.times.append((time.perf_counter() - started, name))
        self.current = None

    def v2_playbook_on_task_start(self, task: t.Any, is_conditional: bool) -> None:
        self._close()
        self.current = (task.get_name(), time.perf_counter())

    def v2_playbook_on_stats(self, stats: t.Any) -> None:
        self._close()
        for seconds, name in self.times:
            self._display.display(f'TIMER {seconds:7.3f} s  {name}')
        self._display.display(f'TIMER {time.perf_counter() - self.started:7.3f} s  in all, from the first task')
