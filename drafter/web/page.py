"""The page's words (text.yaml) and the parameters' JSON Schema in the page's language, from
which the form is drawn: each property's title and help come from text.yaml's `fields`, falling
back to the parameters' own English descriptions."""

from __future__ import annotations

import copy
from functools import lru_cache
from importlib.resources import files

import yaml

LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def words() -> dict:
    return yaml.safe_load((files("drafter.web") / "text.yaml").read_text(encoding="utf-8"))


def page_text(lang: str) -> dict:
    return words()["page"][lang]


def _localise(properties: dict, fields: dict, lang: str) -> None:
    for name, prop in properties.items():
        own = fields.get(name)
        if not own:
            continue
        prop["title"] = own[lang]
        help_text = own.get(f"help_{lang}")
        if help_text:
            prop["description"] = help_text
        elif lang != "en":
            prop.pop("description", None)  # an English sentence under a Chinese title only confuses


@lru_cache(maxsize=len(LANGS))
def _schema(lang: str) -> dict:
    from ..generate.params import PlanParams

    schema = copy.deepcopy(PlanParams.model_json_schema())
    fields = words()["fields"]
    _localise(schema["properties"], fields, lang)
    for definition in schema.get("$defs", {}).values():
        _localise(definition.get("properties", {}), fields, lang)
        if lang != "en":
            definition.pop("description", None)  # the models' English explanations
    if lang != "en":
        schema.pop("description", None)
    for holder in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in holder.get("properties", {}).items():
            holder["properties"][name] = _optional_as_plain(prop)
    schema["title"] = page_text(lang)["tabs"]["draft"]
    return _with_definitions(schema)


def _with_definitions(schema: dict) -> dict:
    """pydantic's `$defs` under the older name `definitions`, which every form library resolves."""
    def point(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                node["$ref"] = "#/definitions/" + ref[len("#/$defs/"):]
            for value in node.values():
                point(value)
        elif isinstance(node, list):
            for value in node:
                point(value)

    point(schema)
    schema["definitions"] = schema.pop("$defs", {})
    return schema


def _optional_as_plain(prop: dict) -> dict:
    """`anyOf: [X, null]` (an optional field) as X: the form leaves an empty field out instead of
    asking the officer to pick a type."""
    options = prop.get("anyOf")
    if not options or {"type": "null"} not in options or len(options) != 2:
        return prop
    plain = dict(next(o for o in options if o != {"type": "null"}))
    plain.update({k: v for k, v in prop.items() if k not in ("anyOf", "default")})
    return plain


def parameter_schema(lang: str) -> dict:
    """The parameters' JSON Schema with titles and help in `lang` (a fresh copy to change)."""
    return copy.deepcopy(_schema(lang if lang in LANGS else "zh"))


def sample_names() -> list[str]:
    from ..resources import samples_dir

    return sorted(p.stem for p in samples_dir().glob("*.yaml"))


def sample(name: str) -> dict | None:
    """A bundled sample's parameters, or None for a name that is not one of them."""
    from ..loader import load_file
    from ..resources import samples_dir

    if name not in sample_names():  # the name is looked up, never joined to a path as given
        return None
    return load_file(samples_dir() / f"{name}.yaml").data
