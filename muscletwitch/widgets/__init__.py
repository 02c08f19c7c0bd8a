"""Interactive explorers and self-check quizzes (ipywidgets) over taxonomy, physiology and plots.

Each widget has ``.controls`` (name -> ipywidget), ``.widget`` (the view) and a pure ``update()``;
displaying it shows the live widget plus a static HTML/PNG picture for kernel-less renderings.
"""

from muscletwitch.widgets.cause_explorer import CauseExplorer
from muscletwitch.widgets.emg_sounds import EMGSounds
from muscletwitch.widgets.quiz_widget import Quiz
from muscletwitch.widgets.red_flag_checker import RedFlagChecker
from muscletwitch.widgets.reflex_lab import ReflexLab
from muscletwitch.widgets.summation_lab import SummationLab
from muscletwitch.widgets.twitch_simulator import TwitchSimulator

__all__ = [
    "CauseExplorer",
    "EMGSounds",
    "Quiz",
    "RedFlagChecker",
    "ReflexLab",
    "SummationLab",
    "TwitchSimulator",
]
