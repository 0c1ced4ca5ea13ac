"""Files for the output cases that YAML text cannot make: links, pipes, lines too long to hold."""

import os

HEADER = "name_zh,name_en,level\n"


def symlink_to_real(path):
    """A symbolic link to a file of the user's: --force must not write through it or replace it."""
    real = path.with_name("real.md")
    real.write_text("the user's own notes\n", encoding="utf-8")
    path.symlink_to(real.name)


def fifo(path):
    """A named pipe: opening it to write would hang until a reader came."""
    os.mkfifo(path)


def csv_with_huge_field(path):
    """Row 2 holds a cell over the csv module's limit (131,072 characters); rows 1 and 3 are fine."""
    path.write_text(HEADER + "甲县,Jia,county\n" + f'乙县,"{"x" * 200_000}",county\n' + "丙县,Bing,county\n",
                    encoding="utf-8")


def csv_with_endless_line(path):
    """Row 2 is one 3-million-character line (an unclosed quote in a pasted column, say)."""
    path.write_text(HEADER + "甲县,Jia,county\n" + "乙县," + "y" * 3_000_000 + ",county\n" + "丙县,Bing,county\n",
                    encoding="utf-8")


def csv_with_long_name(path):
    """Row 1's English name makes a file name over the 255-byte limit of most file systems."""
    path.write_text(HEADER + f"甲县,{'Jia' * 100},county\n" + "乙县,Yi,county\n", encoding="utf-8")


def draft_symlink(path):
    """A link where row 1's draft would go, to a file elsewhere."""
    path.parent.joinpath("elsewhere.md").write_text("not a draft\n", encoding="utf-8")
    path.symlink_to("elsewhere.md")
