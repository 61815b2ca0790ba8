"""gxdesk.records: what the schema, the model and the printout use of dataclasses, without their start-up cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk.records import FrozenError, field, fields, record, replace
from gxdesk.resources import data_file


@record
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@record(frozen=False)
class Basket:
    owner: str
    items: list[str] = field(default_factory=list)
    count: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.count = len(self.items)


def test_arguments_by_position_and_name_with_defaults():
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(y=3, x=4).x) == (1, 0, 2, 4)
    assert Point(1, 2, ("a",), "n").note == "n"
    with pytest.raises(TypeError, match="missing argument 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes 4 arguments"):
        Point(1, 2, (), "", 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'z'"):
        Point(1, z=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'x'"):
        Point(1, x=2)  # type: ignore[misc]


def test_equality_hash_and_repr_follow_the_compared_fields():
    assert Point(1, 2) == Point(1, 2, note="other") and hash(Point(1, 2)) == hash(Point(1, 2, note="x"))
    assert Point(1, 2) != Point(2, 1) and Point(1) != (1, 0, (), "")
    assert {Point(1): "a"}[Point(1)] == "a"
    assert repr(Point(1, tags=("t",))) == "Point(x=1, y=0, tags=('t',))"


def test_a_frozen_record_refuses_assignment_a_mutable_one_is_unhashable():
    point = Point(1)
    with pytest.raises(FrozenError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y  # type: ignore[misc]
    basket = Basket("me", ["egg"])
    basket.owner = "you"
    assert basket.owner == "you" and basket.count == 1
    with pytest.raises(TypeError):
        hash(basket)


def test_each_record_gets_its_own_default_from_a_factory():
    first, second = Basket("a"), Basket("b")
    first.items.append("x")
    assert second.items == [] and Basket.__dict__.get("items") is None


def test_replace_goes_through_the_constructor_and_fields_lists_them_in_order():
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    assert replace(Basket("a", ["x"]), items=["x", "y"]).count == 2  # __post_init__ ran again
    assert fields(Point) == ("x", "y", "tags", "note") and fields(Basket("a")) == ("owner", "items", "count")


PROBE = """
import sys, dataclasses
made = []
original = dataclasses._process_class
dataclasses._process_class = lambda cls, *a, **k: (made.append(cls.__qualname__), original(cls, *a, **k))[1]
{extra}
from gxdesk.cli import main
main(["render", sys.argv[1], "-o", sys.argv[2]])
import gxdesk.gui.start.page, gxdesk.gui.window
print("MADE:" + ",".join(made))
"""


def made_dataclasses(tmp_path: Path, extra: str = "") -> str:
    result = subprocess.run([sys.executable, "-c", PROBE.format(extra=extra), str(data_file("sample.gxr")),
                             str(tmp_path / "x.pdf")], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


@pytest.mark.subprocess
def test_start_up_and_rendering_make_no_dataclass(tmp_path: Path):
    """The point of records: ``gxdesk render`` and what the window's first paint imports build no
    dataclass (each costs about 1 ms at import); the probe would see one."""
    assert made_dataclasses(tmp_path) == "MADE:"
    assert made_dataclasses(tmp_path, "@dataclasses.dataclass\nclass Seen:\n    a: int") == "MADE:Seen"
