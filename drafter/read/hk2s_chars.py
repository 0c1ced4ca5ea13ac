"""The characters that OpenCC's hk2s conversion can change, in the Basic Multilingual Plane.

Generated from OpenCC 1.4.2: every character hk2s changes on its own, plus, for each phrase of its
dictionaries (HKVariantsRevPhrases, HKVariants reversed, TSPhrases) that holds none of those yet
converts differently (a phrase whose characters are each unchanged alone but are rewritten together),
the characters that change in it. Text with none of these characters, and nothing beyond the BMP,
converts to itself, so normalize.to_simplified skips OpenCC for it (most of the cost of reading
simplified Chinese). tests/test_normalize.py checks the list against the installed OpenCC.

The list is data (data/hk2s_characters.txt, UTF-8, wrapped at 60 characters a line), read once.
"""

from __future__ import annotations

from importlib.resources import files

HK2S_CHARACTERS = "".join(
    files(__package__).joinpath("data", "hk2s_characters.txt").read_text(encoding="utf-8").split())
