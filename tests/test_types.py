"""Types: mypy with the django-stubs plugin runs in `make test` (strict on the kernel and on every
access, services, selectors and rules module, see pyproject.toml); here, the promise that those
modules silence nothing."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "carebridge"
STRICT = ("access.py", "services.py", "selectors.py", "rules.py", "inputs.py", "messages.py")


def strict_modules() -> list[Path]:
    kernel = [p for p in (SRC / "core").rglob("*.py") if "migrations" not in p.parts]
    packages = [p for name in ("services", "selectors") for p in SRC.glob(f"*/{name}/*.py")]
    packages += [*SRC.glob("*/*_rules.py"), SRC / "workcare" / "criteria.py"]
    packages += [p for name in STRICT for p in SRC.glob(f"*/prevention_{name}")]  # careplans/prevention_*.py
    return sorted(
        {*kernel, *(p for p in packages if p.exists()), *(p for name in STRICT for p in SRC.glob(f"*/{name}"))}
    )


def test_strict_modules_have_no_type_ignore():
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in strict_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "type: ignore" in line
    ]
    assert found == []


def test_the_strict_set_is_configured_for_mypy():
    import tomllib

    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "mypy_django_plugin.main" in config["plugins"]
    strict = next(o for o in config["overrides"] if "carebridge.core.*" in o["module"])
    assert {"carebridge.*.access", "carebridge.*.services", "carebridge.*.selectors", "carebridge.*.rules"} <= set(
        strict["module"]
    )
    assert all(strict[flag] for flag in ("disallow_any_generics", "disallow_untyped_calls", "warn_return_any"))
    assert config["disallow_untyped_defs"]
