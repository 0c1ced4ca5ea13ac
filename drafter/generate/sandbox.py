"""The Jinja environment user templates run in: plain data in, text out, nothing else.

Templates get dicts, lists, strings and numbers, and the helper functions drafter registers
(`Helper`). Attribute access is limited to a list of harmless methods of those types, and only
registered helpers, macros and Jinja's own loop/block objects may be called. Every value a
template builds is bounded: operators, `~`, literals, filters and calls check the size of what
they make before or right after making it, and `range()` draws on a per-render budget, so a
template cannot ask for gigabytes.
"""

from __future__ import annotations

import functools
import re
import threading
import types
from collections import abc

from jinja2.compiler import CodeGenerator
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import BlockReference, LoopContext, Macro, Undefined, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

VALUE_LIMIT = 1_000_000     # size of one value (about its characters when printed)
RANGE_BUDGET = 100_000      # numbers all range() calls of one render may produce together
INT_BITS = 10_000           # bits of an integer (about 3,000 digits)

_STR_METHODS = frozenset({
    "capitalize", "casefold", "center", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "ljust",
    "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
    "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
    "swapcase", "title", "upper", "zfill"})
_METHODS = {dict: frozenset({"get", "items", "keys", "values"}),
            list: frozenset({"count", "index"}), tuple: frozenset({"count", "index"})}
_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length",
                              "depth", "depth0", "previtem", "nextitem", "cycle", "changed"})
# Filters that only make sense for HTML or that multiply their input without a useful purpose here.
_DROPPED_FILTERS = ("urlize", "xmlattr", "urlencode", "wordwrap", "pprint")
_PLAIN = frozenset({str, int, float, bool, type(None), list, tuple, dict})
_JINJA_KWARGS = ("_loop_vars", "_block_vars")  # what Jinja itself passes along with a call
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


class TemplateLimitError(SecurityError):
    """A template asked for more than the limits allow."""


class Helper:
    """A Python function offered to templates; the only plain callables they may call."""

    __slots__ = ("function",)

    def __init__(self, function) -> None:
        self.function = function

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<helper {getattr(self.function, '__name__', 'function')}>"


_OPAQUE = frozenset({float, bool, type(None), Helper, Macro})  # weigh 1 whatever they hold


# -- sizes -----------------------------------------------------------------------------------
def weight(value, limit: int = VALUE_LIMIT) -> int:
    """About the number of characters `value` prints as: every element counts, a shared part as
    often as it is referenced (printing repeats it). Stops counting once past `limit`."""
    total, stack = 0, [value]
    pop, extend = stack.pop, stack.extend
    while stack and total <= limit:
        item = pop()
        kind = type(item)
        total += 1
        if kind is str:
            total += len(item)
        elif kind is list or kind is tuple:
            extend(item)
        elif kind is dict:
            extend(item.keys())
            extend(item.values())
        elif kind is int:
            total += item.bit_length() // 3
        elif kind is Namespace:  # the one mutable container: it may even hold itself
            stack.append(item._Namespace__attrs)
        elif kind not in _OPAQUE:
            total += _other_weight(item, stack)
    return total


def _other_weight(item, stack: list) -> int:
    """The rare kinds: subclasses (Markup) and views. Puts their parts on the stack."""
    if isinstance(item, str):
        return len(item)
    if isinstance(item, int):
        return item.bit_length() // 3
    if isinstance(item, abc.Mapping):
        stack.extend(item.keys())
        stack.extend(item.values())
    elif isinstance(item, (list, tuple, abc.Set, abc.MappingView)):
        stack.extend(item)
    return 0


def _size(value) -> int:
    """weight(), with a shortcut for the strings and scalars most calls pass."""
    kind = type(value)
    if kind is str:
        return len(value) + 1
    return 1 if kind in _OPAQUE else weight(value)


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would be larger than {VALUE_LIMIT:,} characters")


def checked(value, what: str = "a value"):
    """`value` itself, if it is within the size limit."""
    if type(value) is str:  # the usual case, kept fast: templates call helpers thousands of times
        if len(value) > VALUE_LIMIT:
            raise _too_big(what)
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > INT_BITS:
        raise TemplateLimitError(f"{what} is a number with more than {INT_BITS:,} bits")
    if weight(value) > VALUE_LIMIT:
        raise _too_big(what)
    return value


def settled(value):
    """Lazy sequences (filters such as map and select return them) drawn into a list, counting
    as they come, so no later step builds an unbounded list from them."""
    if type(value) in _PLAIN or not isinstance(value, abc.Iterator) or isinstance(value, LoopContext):
        return value
    items, total = [], 0
    for item in value:
        total += weight(item, VALUE_LIMIT - total)
        if total > VALUE_LIMIT:
            raise _too_big("the sequence")
        items.append(item)
    return items


def _check_width(width, what: str) -> None:
    if isinstance(width, int) and width > VALUE_LIMIT:
        raise _too_big(what)


def _check_percent(text, what: str = "the % format") -> None:
    """printf-style widths and precisions make text of any length from nothing: bound them."""
    if not isinstance(text, str):
        return
    for match in _PERCENT.finditer(text):
        for part in match.groups():
            if part == "*" or (part and (len(part) > 7 or int(part) > VALUE_LIMIT)):
                raise _too_big(what)


def _check_replace(text="", old="", new="", count=-1, *_, **__) -> None:
    if not isinstance(text, str):
        return
    old, new = str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    if len(text) + found * max(0, len(new) - len(old)) > VALUE_LIMIT:
        raise _too_big("the replacement")


def _check_join(separator, items) -> None:
    if isinstance(items, abc.Sized) and len(separator) * len(items) > VALUE_LIMIT:
        raise _too_big("the joined text")


def _check_method(method, args, kwargs) -> None:
    """Size checks for the string methods that can make long text from short arguments."""
    name, owner = method.__name__, method.__self__
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], f"str.{name}()")
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, *args[:3])
    elif name == "join" and args:
        _check_join(owner, args[0])


# -- the range budget of one render -----------------------------------------------------------
_budget = threading.local()


def start_budget() -> None:
    """A fresh range budget for the render starting in this thread."""
    _budget.numbers = RANGE_BUDGET


def _range(*args) -> range:
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = RANGE_BUDGET + 1
    left = getattr(_budget, "numbers", RANGE_BUDGET) - size
    if left < 0:
        raise TemplateLimitError(f"range() would produce more than {RANGE_BUDGET:,} numbers in one template")
    _budget.numbers = left
    return numbers


# -- filters -------------------------------------------------------------------------------------
def _bounded_filter(function, precheck=None):
    """The filter, with lazy arguments drawn under the limit, an optional check of its arguments
    before it runs, and its result checked after."""
    passed = 1 if getattr(function, "jinja_pass_arg", None) else 0  # context/environment first

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        lead = args[:passed]
        args = [settled(a) for a in args[passed:]]
        kwargs = {k: settled(v) for k, v in kwargs.items()}
        if precheck:
            precheck(*args, **kwargs)
        return checked(function(*lead, *args, **kwargs), "the filter's result")
    return bounded


def _pre_indent(text="", width=4, *_, **__) -> None:
    unit = len(width) if isinstance(width, str) else width
    if isinstance(text, str) and isinstance(unit, int) and unit * (text.count("\n") + 1) > VALUE_LIMIT:
        raise _too_big("the indented text")


def _pre_fill(value=(), count=0, fill_with=None, *_, linecount=None, slices=None, **__) -> None:
    count = linecount if linecount is not None else slices if slices is not None else count
    if isinstance(count, int) and count > VALUE_LIMIT:
        raise _too_big("the batches or slices")
    if fill_with is not None and isinstance(count, int) and count * weight(fill_with) > VALUE_LIMIT:
        raise _too_big("the filled batches or slices")


_PRECHECKS = {  # each tolerates wrong arguments: the filter itself then says what is wrong
    "center": lambda value, width=80, *_, **__: _check_width(width, "the centred text"),
    "indent": _pre_indent,
    "format": lambda value="", *_, **__: _check_percent(value),
    "replace": _check_replace,
    "join": lambda value=(), d="", *_, **__: _check_join(str(d), value),
    "batch": _pre_fill,
    "slice": _pre_fill,
}


# -- code generation: `~` and literals are checked too -------------------------------------------
class _BoundedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")

    def _checked_literal(visit):
        def visit_checked(self, node, frame) -> None:
            if getattr(node, "ctx", "load") != "load":  # an assignment target, not a value
                return visit(self, node, frame)
            self.write("environment.checked_literal(")
            visit(self, node, frame)
            self.write(")")
        return visit_checked

    visit_List = _checked_literal(CodeGenerator.visit_List)
    visit_Tuple = _checked_literal(CodeGenerator.visit_Tuple)
    visit_Dict = _checked_literal(CodeGenerator.visit_Dict)
    del _checked_literal


class PlainSandbox(ImmutableSandboxedEnvironment):
    """A sandbox that hands templates plain data and bounds everything they build."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, **options) -> None:
        super().__init__(finalize=self._finalize, **options)
        self.concat = self._join_output
        for name in ("lipsum", "cycler", "joiner"):  # objects with methods, or text bombs
            self.globals.pop(name, None)
        self.globals["range"] = Helper(_range)
        for name in _DROPPED_FILTERS:
            self.filters.pop(name, None)
        self.filters["sum"] = self._sum
        for name, function in list(self.filters.items()):
            self.filters[name] = _bounded_filter(function, _PRECHECKS.get(name))

    # -- what templates may touch ----------------------------------------------------------------
    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if type(obj) in _METHODS:
            return attr in _METHODS[type(obj)]
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        # namespace() values and the macros of an imported template are the template's own data
        return isinstance(obj, (Namespace, TemplateModule))

    def is_safe_callable(self, obj) -> bool:
        if isinstance(obj, (Helper, Macro, BlockReference, LoopContext, Undefined)):
            return True
        if obj is dict or obj is Namespace:
            return True
        if isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
            owner, name = obj.__self__, obj.__name__
            if isinstance(owner, LoopContext):
                return name in ("cycle", "changed")
            if isinstance(owner, str):
                return name in _STR_METHODS
            return type(owner) in _METHODS and name in _METHODS[type(owner)]
        return False

    def wrap_str_format(self, value):
        return None  # str.format is refused outright (is_safe_attribute), not sandboxed

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"calling {__obj!r} is not allowed in a template")
        args = tuple(map(settled, args))
        size = sum(map(_size, args))
        for key, value in kwargs.items():
            if key not in _JINJA_KWARGS:
                kwargs[key] = value = settled(value)
                size += _size(value)
        # macro arguments become `varargs`/`kwargs`: bound them together, not one by one
        if size > VALUE_LIMIT:
            raise _too_big("the arguments")
        if isinstance(__obj, (types.BuiltinMethodType, types.MethodType)):
            _check_method(__obj, args, kwargs)
        return checked(__context.call(__obj, *args, **kwargs), "the result")

    # -- sizes ---------------------------------------------------------------------------------
    def call_binop(self, context, operator: str, left, right):
        if operator == "*":
            for count, other in ((left, right), (right, left)):
                if isinstance(count, int) and isinstance(other, (str, list, tuple)):
                    each = len(other) if isinstance(other, str) else weight(other) - 1  # not the container
                    if count * each > VALUE_LIMIT:
                        raise _too_big("the repetition")
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > INT_BITS:
                raise TemplateLimitError(f"the product would have more than {INT_BITS:,} bits")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1 and left.bit_length() * right > INT_BITS:
            raise TemplateLimitError(f"the power would have more than {INT_BITS:,} bits")
        elif operator == "%":
            _check_percent(left)
        return checked(self.binop_table[operator](left, right), "the result")

    def bounded_concat(self, parts, autoescape=False) -> str:
        if weight(parts) > VALUE_LIMIT:
            raise _too_big("the text joined with ~")
        return markup_join(parts) if autoescape else str_join(parts)

    def checked_literal(self, value):
        return checked(value, "the list or dict")

    def _join_output(self, parts) -> str:
        """Joins what a macro, call block or {% set %} block wrote, within the size limit."""
        parts = list(parts)
        if sum(map(len, parts)) > VALUE_LIMIT:
            raise _too_big("the block's text")
        return "".join(parts)

    def _finalize(self, value):
        if not isinstance(value, str):
            checked(value, "the printed value")
        return value

    def _sum(self, iterable, attribute=None, start=0):
        """Like Jinja's sum, with every addition checked (adding lists could grow without end)."""
        if attribute is not None:
            iterable = map(make_attrgetter(self, attribute), iterable)
        total = start
        for item in iterable:
            total = self.call_binop(None, "+", total, item)
        return total
