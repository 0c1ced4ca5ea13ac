"""User templates are data, never a door: they see plain data, call only drafter's helpers, read
files only inside their folder, and stop, with one error naming the file and line, when they ask
for too much text or run too long."""

from __future__ import annotations

import os
import threading
import time

import pytest

from drafter.generate import templating
from drafter.errors import DrafterError
from drafter.generate.sandbox import Helper
from drafter.generate.templating import Templates, parse_rendered

SECRET = "TOP-SECRET-CONTENT-42"


@pytest.fixture
def folder(tmp_path):
    """A user templates folder, with a secret file beside it that no template may read."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    mine = tmp_path / "mine"
    (mine / "zh").mkdir(parents=True)
    return mine


def context(**extra) -> dict:
    """Like the composer's: plain data and Helpers."""
    data = {
        "p": {"locality": {"name": {"zh": "示例县", "en": "Example County"}, "parent": None},
              "key_industries": ["cement"], "targets": [{"indicator": "x", "year": 2025, "value": 14.0}]},
        "place": "示例县", "items": ["甲", "乙"], "year": 2025,
        "join": Helper("、".join),
        "placeholder": Helper(lambda what: f"【待补充：{what}】"),
    }
    data.update(extra)
    return data


def render(folder, text: str, name: str = "preamble.j2", data: dict | None = None) -> str:
    path = folder / "zh" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Templates("zh", folder).render(name, data if data is not None else context())


def refused(folder, text: str, data: dict | None = None, name: str = "preamble.j2") -> str:
    with pytest.raises(DrafterError) as err:
        render(folder, text, name, data)
    message = err.value.render()
    assert SECRET not in message and "\n" not in message
    return message


# -- what a template writer needs still works ----------------------------------------------------
def test_templates_read_plain_data_with_dot_syntax_and_call_the_helpers(folder):
    text = ("{{ place }}{% if p.locality.parent %}和上级{% endif %}，{{ p.locality.name.en|upper }}，"
            "{{ join(items) }}，{{ placeholder('日期') }}，{{ p.targets[0].value|round|int }}\n")
    assert render(folder, text) == "示例县，EXAMPLE COUNTY，甲、乙，【待补充：日期】，14\n"


def test_macros_call_blocks_loops_and_namespaces_work(folder):
    text = ("{% macro box(title) %}[{{ title }}:{{ caller() }}]{% endmacro %}"
            "{% call box('A') %}inside{% endcall %}"
            "{% set ns = namespace(n=0) %}{% for i in items %}{% set ns.n = ns.n + loop.index %}"
            "{{ loop.cycle('x', 'y') }}{% endfor %}{{ ns.n }}"
            "{{ p.items()|list|length }}{{ 'a,b'.split(',')|join('+') }}{{ '%s年'|format(year) }}"
            "{{ 'ab' ~ 'cd' }}{{ [1, 2] + [3] }}{{ range(3)|sum }}{{ dict(a=1).get('a') }}")
    assert render(folder, text) == "[A:inside]xy3" "3a+b2025年abcd[1, 2, 3]31"


def test_include_import_and_extends_inside_the_folder_work(folder):
    (folder / "zh" / "parts").mkdir()
    (folder / "zh" / "parts" / "macros.j2").write_text("{% macro hi(x) %}你好{{ x }}{% endmacro %}", encoding="utf-8")
    (folder / "zh" / "parts" / "base.j2").write_text("前{% block body %}{% endblock %}后", encoding="utf-8")
    (folder / "zh" / "parts" / "piece.j2").write_text("片段", encoding="utf-8")
    os.symlink("piece.j2", folder / "zh" / "parts" / "alias.j2")  # a link that stays inside is fine
    text = ('{% extends "parts/base.j2" %}{% import "parts/macros.j2" as m %}'
            '{% block body %}{{ m.hi(place) }}{% include "parts/piece.j2" %}{% include "parts/alias.j2" %}'
            '{{ super() }}{% endblock %}')
    assert render(folder, text) == "前你好示例县片段片段后"


# -- escapes -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ p.__class__ }}",
    "{{ items.__class__.__base__ }}",
    "{{ join.__call__.__globals__ }}",
    "{{ join.function }}",
    "{{ placeholder.function.__globals__ }}",
    "{{ range.function }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ dict.fromkeys(['a']) }}",
    "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
    "{% for i in items %}{{ loop._iterator }}{% endfor %}",
    "{{ self._TemplateReference__context }}",
    "{{ p|attr('__class__') }}",
    "{{ ('x'|safe).__class__ }}",
    "{{ (1).__class__ }}",
])
def test_no_way_to_python_internals(folder, text):
    message = refused(folder, text)
    assert "preamble.j2:1:" in message


@pytest.mark.parametrize("text", [
    "{{ '{0.__class__.__init__.__globals__}'.format(p) }}",
    "{{ '{0.__class__}'.format_map({'0': p}) }}",
    "{{ ('{0.__class__}'|safe).format(p) }}",
    "{{ p|attr('format') }}{{ ('{0}'|attr('format'))(p) }}",
])
def test_str_format_is_refused(folder, text):
    assert "format" in refused(folder, text)


@pytest.mark.parametrize("name", ["cycler", "joiner", "lipsum", "config", "request", "os", "self.__dict__"])
def test_jinja_globals_with_methods_and_flask_style_names_are_not_there(folder, name):
    message = refused(folder, f"{{{{ {name}() }}}}")
    assert "undefined" in message or "unsafe" in message or "not allowed" in message


def test_only_registered_helpers_are_callable(folder):
    data = context(secret_reader=lambda: SECRET, opener=open)
    assert "not allowed" in refused(folder, "{{ secret_reader() }}", data)
    assert "not allowed" in refused(folder, f"{{{{ opener('{folder.parent / 'secret.txt'}').read() }}}}", data)


@pytest.mark.parametrize("text", [
    "{{ items.append('x') }}", "{{ p.update({'place': 1}) }}", "{{ p.pop('locality') }}",
    "{{ p.clear() }}", "{{ p.setdefault('a', 1) }}"])
def test_templates_cannot_change_the_data_other_templates_see(folder, text):
    data = context()
    before = repr(data["p"]), list(data["items"])
    refused(folder, text, data)
    assert (repr(data["p"]), data["items"]) == before


def test_map_and_sort_by_attribute_go_through_the_sandbox(folder):
    assert "class" not in render(folder, "{{ [p]|map(attribute='__class__')|list }}")  # undefined items
    assert "unsafe" in refused(folder, "{{ [p, p]|sort(attribute='__class__')|length }}")


def test_composer_context_holds_plain_data_so_pydantic_methods_are_out_of_reach(folder, tmp_path):
    # {{ p.parse_raw(pickle) }} ran a shell command and p.parse_file read any file when p was the model.
    from drafter.api import generate_document
    from drafter.generate.params import load_params
    from drafter.rules import load_rules
    from testkit import MINIMAL, write

    marker = tmp_path / "pwned"
    pickle = f"cos\\nsystem\\n(S'touch {marker}'\\ntR."
    rules = load_rules(None)
    params = load_params(write(tmp_path, "p.yaml", MINIMAL), rules)
    for text in (f'{{{{ p.parse_raw("{pickle}", proto="pickle", allow_pickle=True) }}}}\n',
                 f"{{{{ p.parse_file('{tmp_path / 'secret.txt'}') }}}}\n",
                 "{{ p.model_config }}{{ p.locality.model_fields }}\n"):
        (folder / "zh" / "preamble.j2").write_text(text, encoding="utf-8")
        templating._CACHE.clear()
        with pytest.raises(DrafterError) as err:
            generate_document(params, "zh", rules=rules, templates_dir=folder)
        assert "preamble.j2:1:" in err.value.render() and SECRET not in err.value.render()
        assert not marker.exists()


# -- files: only inside the folder -----------------------------------------------------------------
@pytest.mark.parametrize("statement", ['{% include "leak.j2" %}', '{% import "leak.j2" as m %}',
                                       '{% extends "leak.j2" %}', '{% from "leak.j2" import x %}'])
def test_a_link_leading_out_of_the_folder_is_refused(folder, statement):
    os.symlink(folder.parent / "secret.txt", folder / "zh" / "leak.j2")
    message = refused(folder, statement + "\n")
    assert "leak.j2" in message and "outside" in message


def test_a_linked_template_or_folder_leading_out_is_refused(folder, tmp_path):
    os.symlink(tmp_path / "secret.txt", folder / "zh" / "preamble.j2")
    with pytest.raises(DrafterError) as err:
        Templates("zh", folder).render("preamble.j2", context())
    assert "outside" in err.value.render() and SECRET not in err.value.render()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "title.j2").write_text(SECRET, encoding="utf-8")
    os.symlink(outside, folder / "zh" / "actions")
    (folder / "zh" / "x.j2").write_text('{% include "actions/title.j2" %}', encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        Templates("zh", folder).render("x.j2", context())
    assert "outside" in err.value.render()


def test_a_folder_zh_linking_elsewhere_does_not_widen_the_folder(folder, tmp_path):
    (folder / "zh").rmdir()
    os.symlink(tmp_path, folder / "zh")  # mine/zh -> the folder that holds secret.txt
    with pytest.raises(DrafterError) as err:
        Templates("zh", folder).render("secret.txt", context())
    assert "outside" in err.value.render()


def test_parent_paths_and_absolute_names_do_not_leave_the_folder(folder, tmp_path):
    for name in ("../../secret.txt", str(tmp_path / "secret.txt")):
        message = refused(folder, f'{{% include "{name}" %}}')
        assert "not found" in message


def test_oversized_and_non_utf8_templates_are_refused(folder):
    (folder / "zh" / "preamble.j2").write_bytes(b"x" * (templating.TEMPLATE_BYTES + 1))
    with pytest.raises(DrafterError, match="larger than"):
        Templates("zh", folder).render("preamble.j2", context())
    (folder / "zh" / "title.j2").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(DrafterError, match="UTF-8"):
        Templates("zh", folder).render("title.j2", context())


@pytest.mark.parametrize("text", ["{{ 'a\\x01b' }}", "{{ 'a\\ud800b' }}", "a\x0bb"])
def test_characters_no_document_can_hold_are_refused(folder, text):
    assert "which no document can hold" in refused(folder, text)


# -- bounds ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,words", [
    ("{{ 'x' * 3000000000 }}", "larger than"),
    ("{{ [1] * 100000000 }}", "larger than"),
    ("{{ 3000000000 * ['x'] }}", "larger than"),
    ("{{ 9 ** 999999999 }}", "bits"),
    ("{% set n = 10 ** 3000 %}{{ n * n * n * n }}", "bits"),
    ("{{ range(1000000000)|list|length }}", "range()"),
    ("{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}", "range()"),
    ("{{ range(100000)|join('x' * 100000) }}", "larger than"),
    ("{{ ','.join(['x' * 1000] * 1000) }}{{ ('x' * 1000).join(range(10000)|map('string')) }}", "larger than"),
    ("{{ '%0999999999d' % 1 }}", "larger than"),
    ("{{ '%*d' % (999999999, 1) }}", "larger than"),
    ("{{ '%0999999999d'|format(1) }}", "larger than"),
    ("{{ 'x'.center(999999999) }}", "larger than"),
    ("{{ 'x'|center(999999999) }}", "larger than"),
    ("{{ 'x'.zfill(999999999) }}", "larger than"),
    ("{{ ('\\n' * 100000)|indent(100, true, true) }}", "larger than"),
    ("{{ ('a' * 1000).replace('', 'x' * 10000) }}", "larger than"),
    ("{{ ('a' * 1000)|replace('a', 'x' * 10000) }}", "larger than"),
    ("{{ [1]|batch(999999999, 'x')|list }}", "larger than"),
    ("{{ [1]|slice(999999999)|list }}", "larger than"),
    ("{{ ([['x' * 100] * 1000] * 100)|sum(start=[])|length }}", "larger than"),
    ("{{ (('x' * 10000)|list|map('center', 1000)|list)|length }}", "larger than"),
    ("{% set s = 'x' * 1000 %}" + "{% set s = s ~ s %}" * 12 + "{{ s|length }}", "larger than"),
    ("{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}", "larger than"),
    ("{% macro m(n) %}{% if n %}{{ m(n - 1, varargs, varargs) }}{% else %}{{ varargs == varargs }}"
     "{% endif %}{% endmacro %}{{ m(60, 'x') }}", "larger than"),
    ("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}", "larger than"),
    ("{% set x %}{% for i in range(2000) %}{{ 'x' * 1000 }}{% endfor %}{% endset %}", "larger than"),
    ("{% macro m() %}{% for i in range(2000) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}{{ m()|length }}", "larger than"),
    ("{% for i in items recursive %}{{ loop(items) }}{% endfor %}", "recursion"),
])
def test_growth_stops_with_one_error_in_a_moment(folder, text, words):
    start = time.monotonic()
    message = refused(folder, text)
    assert words in message and "preamble.j2:1:" in message
    assert time.monotonic() - start < 5  # seconds, not the minutes or gigabytes asked for


@pytest.mark.parametrize("text", [
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "{% if 1 %}" * 3000 + "x" + "{% endif %}" * 3000,
    "{{ 'a' " + "~ 'a' " * 50000 + "}}",  # compiling alone takes longer than the deadline
])
def test_templates_too_deep_or_too_long_to_compile_are_refused(folder, monkeypatch, text):
    monkeypatch.setattr(templating, "RENDER_SECONDS", 1.0)
    message = refused(folder, text)
    assert message.startswith(str(folder / "zh" / "preamble.j2"))


def test_output_limit_names_the_line_that_wrote_too_much(folder):
    text = "第一行。\n{% set s = 'x' * 900000 %}\n{% for i in range(100) %}{{ s }}{% endfor %}\n"
    message = refused(folder, text)
    assert "writes more than" in message and "preamble.j2:3:" in message


def test_the_templates_of_one_plan_share_a_budget(folder):
    # each template within its own limit, but a plan too big to write as a document in seconds
    templates = Templates("zh", folder)
    (folder / "zh" / "a.j2").write_text("{{ 'x' * 900000 }}", encoding="utf-8")
    (folder / "zh" / "b.j2").write_text("{% for i in range(3000) %}\n\n{% endfor %}", encoding="utf-8")
    assert len(templates.render("a.j2", context())) == 900000
    with templating.plan_budget():
        templates.render("a.j2", context())
        templates.render("a.j2", context())
        with pytest.raises(DrafterError, match="a.j2:1: .*templates of this plan write more than"):
            templates.render("a.j2", context())
    with templating.plan_budget():
        templates.render("b.j2", context())
        with pytest.raises(DrafterError, match="lines together"):
            templates.render("b.j2", context())


def test_a_loop_that_never_ends_is_stopped_by_the_deadline(folder, monkeypatch):
    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.5)
    text = "ok\n{% set s = 'x' * 1000 %}{% for a in s %}{% for b in s %}{% for c in s %}{% endfor %}{% endfor %}{% endfor %}\n"
    start = time.monotonic()
    message = refused(folder, text)
    assert "still running" in message and "preamble.j2:2:" in message
    assert time.monotonic() - start < 10  # the loops alone would run for hours
    # the thread goes on normally: nothing is left pending for it
    assert render(folder, "{{ place }}", "title.j2") == "示例县"
    time.sleep(0.7)
    assert sum(range(10**5)) > 0


def test_the_deadline_works_in_any_thread(folder, monkeypatch):
    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.5)
    (folder / "zh" / "preamble.j2").write_text(
        "{% set s = 'x' * 1000 %}{% for a in s %}{% for b in s %}{% for c in s %}{% endfor %}{% endfor %}{% endfor %}",
        encoding="utf-8")
    errors = []

    def work():
        try:
            Templates("zh", folder).render("preamble.j2", context())
        except DrafterError as exc:
            errors.append(exc.render())
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and "still running" in errors[0]


def test_builtin_templates_render_within_the_limits():
    templates = Templates("en")
    data = context(level="county", superior="X City", province="Y Province", scope="the county",
                   report_to=None, lang="en")
    data["p"]["locality"]["parent"] = {"en": "X City"}
    text = templates.render("preamble.j2", data)
    assert "X City" in text and parse_rendered(text, "en").paragraphs
