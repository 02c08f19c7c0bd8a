"""Keep the garbage collector off the objects that the imports create and that live until exit.

numpy, matplotlib and IPython leave about 100,000 objects in a notebook kernel that the cyclic
garbage collector tracks. They never become garbage, yet every full collection walks them all
(about 30 ms), and the interpreter's exit walks them several times: a kernel took 0.2-0.3 s to
exit, which a restart waits for, and about 0.04 s frozen (bench_notebooks' "exit s" counts it
in jupyter_client's 0.1 s polling steps). ``settle`` collects once, then moves every object
still alive to the collector's permanent generation (``gc.freeze``), which collections skip.
Objects made later, figures and widgets included, are collected as before.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect the garbage there is, then freeze what is alive (``gc.freeze``).

    Called once, at the end of ``import muscletwitch.plots`` (a course notebook's first cell):
    what is alive then lives until exit. A cycle of objects frozen here that is dropped later
    is never collected, so this is not called later in a session (the widgets' import comes
    after figures a notebook may still drop).
    """
    gc.collect()
    gc.freeze()
