"""heap.settle: importing the plots freezes what is alive, after collecting what is not."""

from support.fresh import python_output as run  # the test process imported the plots long ago


def test_importing_the_plots_freezes_the_objects_alive_then():
    out = run(
        """
        import gc
        before = gc.get_freeze_count()
        import muscletwitch.plots
        print(before, gc.get_freeze_count(), sum(gc.get_count()))
        """
    )
    before, frozen, young = map(int, out.split())
    assert before == 0
    assert frozen > 10_000  # matplotlib and numpy alone leave tens of thousands
    assert young < 1_000  # frozen, not left in the generations a collection walks


def test_garbage_from_before_the_import_is_collected_not_frozen():
    out = run(
        """
        import gc, weakref

        gc.disable()  # no automatic collection: only settle can free the cycle below

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: only the cyclic collector frees it
        gone = weakref.ref(a)
        del a, b
        import muscletwitch.plots
        print(gone() is None)
        """
    )
    assert out == "True"


def test_figures_made_after_the_import_are_still_collected():
    out = run(
        """
        import gc, weakref
        from muscletwitch import plots

        fig, ax = plots.subplots()
        ax.plot([0, 1], [1, 0])
        fig.canvas.draw()
        gone = weakref.ref(fig)
        del fig, ax
        gc.collect()
        print(gone() is None)
        """
    )
    assert out == "True"
