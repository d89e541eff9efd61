"""Every form class defined in ``apps``, found by importing each module (for the tests that hold a rule
over all forms: uploads, text limits)."""

import functools
import importlib
import inspect
import pkgutil

from django import forms

import apps


@functools.cache
def form_classes() -> dict[str, type[forms.BaseForm]]:
    """«module.Class» → the class, for every form class defined in ``apps``."""
    found = {}
    for module_info in pkgutil.walk_packages(apps.__path__, "apps."):
        if ".migrations" in module_info.name or ".management" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__name__}"] = cls
    return found
