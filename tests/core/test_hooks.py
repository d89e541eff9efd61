from apps.core.hooks import Hook


def test_a_hook_calls_its_callables_in_the_order_they_were_registered():
    hook = Hook("test.order")
    calls = []
    hook.register(lambda x: calls.append(("first", x)) or 1)
    hook.register(lambda x: calls.append(("second", x)) or 2)

    assert hook.call("a") == [1, 2]
    assert calls == [("first", "a"), ("second", "a")]


def test_registering_a_callable_twice_has_no_effect_and_unregister_removes_it():
    hook = Hook("test.twice")

    def step():
        return "done"

    assert hook.register(step) is step
    hook.register(step)
    assert len(hook) == 1

    hook.unregister(step)
    assert hook.call() == []
    hook.unregister(step)  # absent: no error
