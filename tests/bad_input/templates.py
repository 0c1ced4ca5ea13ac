"""Files for the template cases that YAML text cannot make: links that lead out of the folder,
a template too large to be one."""

SECRET = "TOP-SECRET-CONTENT-42\n"


def _secret_beside(path):
    """The user's private file, outside the templates folder (mine/) that holds `path`."""
    secret = path.parents[2] / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def link_out_of_folder(path):
    """mine/zh/<name> is a symbolic link to a file outside mine/."""
    path.symlink_to(_secret_beside(path))


def folder_link_out(path):
    """mine/zh/actions is a link to the folder above mine/, where secret.txt lies."""
    path.symlink_to(_secret_beside(path).parent)


def huge_template(path):
    """A 5 MB template: a template file that large is not one."""
    path.write_text("{{ place }}" + "x" * 5_000_000, encoding="utf-8")
