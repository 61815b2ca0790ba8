"""Records: dataclasses' constructor, equality, hash and repr, made without generating code.

``dataclasses`` compiles each class's methods when the module is imported (an ``exec``
per method), about 1 ms a class: the 22 classes a ``gxdesk render`` imported were 25 ms
of it, the 13 of the window's first paint 14 ms (issues 12 and 14). A record's methods
are shared functions that read the class's field list instead; they cost nothing at
import and little more per instance (a record is made a few hundred times per check,
not millions).

    @record                      # frozen, as @dataclass(frozen=True)
    class Column:
        id: str
        label: str
        group: str = ""          # a default
        notes: list[str] = field(default_factory=list)

    @record(frozen=False)        # as @dataclass

What is used here of dataclasses' behaviour, and only that: positional or keyword
arguments in field order, defaults and ``field(default_factory=, init=, repr=,
compare=)``, ``__post_init__``, equality of the same class's compared fields, a hash
for frozen records, ``replace`` and ``fields``. mypy reads records as dataclasses
(``dataclass_transform``). The modules start-up and rendering never import keep to
plain dataclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

T = TypeVar("T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_options: object) -> Callable[[T], T]:
        return lambda decorated: decorated


class FrozenError(AttributeError):
    """A frozen record's field was assigned (as dataclasses' FrozenInstanceError)."""


class _Field:
    __slots__ = ("compare", "default", "factory", "init", "repr")

    def __init__(self, default: object, factory: Callable[[], object] | None, init: bool, repr: bool,
                 compare: bool) -> None:
        self.default, self.factory, self.init, self.repr, self.compare = default, factory, init, repr, compare


_NO_DEFAULT: Any = object()
_SPEC = "__record__"  # the class attribute holding a record class's _Spec


def field(*, default: Any = _NO_DEFAULT, default_factory: Callable[[], Any] | None = None, init: bool = True,
          repr: bool = True, compare: bool = True) -> Any:
    return _Field(default, default_factory, init, repr, compare)


class _Spec:
    """A record class's fields, read once from its annotations."""

    __slots__ = ("compared", "defaults", "factories", "init", "names", "post_init", "shown")

    def __init__(self, cls: type) -> None:
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (inspect is no import for start-up)
        self.names: tuple[str, ...] = tuple(
            name for name, kind in own.items()
            if not str(kind).startswith(("ClassVar", "typing.ClassVar")))
        init: list[str] = []
        shown: list[str] = []
        compared: list[str] = []
        self.defaults: dict[str, object] = {}
        self.factories: dict[str, Callable[[], object]] = {}
        for name in self.names:
            value = cls.__dict__.get(name, _NO_DEFAULT)
            spec = value if isinstance(value, _Field) else _Field(value, None, True, True, True)
            if spec.factory is not None:
                self.factories[name] = spec.factory
            elif spec.default is not _NO_DEFAULT:
                self.defaults[name] = spec.default
            if isinstance(value, _Field):  # the class attribute is the default, as a dataclass's is
                if spec.default is _NO_DEFAULT:
                    delattr(cls, name)
                else:
                    setattr(cls, name, spec.default)
            for wanted, names in ((spec.init, init), (spec.repr, shown), (spec.compare, compared)):
                if wanted:
                    names.append(name)
        self.init, self.shown, self.compared = tuple(init), tuple(shown), tuple(compared)
        self.post_init: Callable[[object], None] | None = getattr(cls, "__post_init__", None)


def _spec(cls: type) -> _Spec:
    spec: _Spec = getattr(cls, _SPEC)
    return spec


def _init(self: Any, *args: object, **kwargs: object) -> None:
    spec = _spec(type(self))
    names = spec.init
    if len(args) > len(names):
        raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments, {len(args)} given")
    values = dict(zip(names, args, strict=False))  # fewer args than fields: the rest below
    for name in names[len(args):]:
        if name in kwargs:
            values[name] = kwargs.pop(name)
        elif name in spec.defaults:
            values[name] = spec.defaults[name]
        elif name in spec.factories:
            values[name] = spec.factories[name]()
        else:
            raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
    if kwargs:
        raise TypeError(f"{type(self).__name__}() got an unexpected or repeated argument {next(iter(kwargs))!r}")
    for name, factory in spec.factories.items():  # a field outside __init__ made by its factory
        if name not in values:
            values[name] = factory()
    self.__dict__.update(values)
    if spec.post_init is not None:
        spec.post_init(self)


def _compared(record: Any) -> tuple[object, ...]:
    return tuple([getattr(record, name) for name in _spec(type(record)).compared])


def _eq(self: Any, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _spec(type(self)).shown)
    return f"{type(self).__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise FrozenError(f"cannot assign to field {name!r} of a {type(self).__name__}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenError(f"cannot delete field {name!r} of a {type(self).__name__}")


def _make(cls: type[T], frozen: bool) -> type[T]:
    added: dict[str, object] = {_SPEC: _Spec(cls)}
    for name, method in (("__init__", _init), ("__eq__", _eq), ("__repr__", _repr)):
        if name not in cls.__dict__:
            added[name] = method
    if frozen:
        added.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr, __hash__=_hash)
    else:
        added["__hash__"] = None  # mutable and compared by value: unhashable, as a dataclass
    for name, value in added.items():
        setattr(cls, name, value)
    return cls


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> type[T] | Callable[[type[T]], type[T]]:
    if cls is not None:
        return _make(cls, frozen)
    return lambda later: _make(later, frozen)


def fields(cls_or_record: object) -> tuple[str, ...]:
    """The field names, in order."""
    cls = cls_or_record if isinstance(cls_or_record, type) else type(cls_or_record)
    return _spec(cls).names


def replace(record: T, **changes: object) -> T:
    """A copy of ``record`` with ``changes``, made through its constructor (``__post_init__`` runs)."""
    values = {name: getattr(record, name) for name in _spec(type(record)).init}
    values.update(changes)
    return type(record)(**values)
