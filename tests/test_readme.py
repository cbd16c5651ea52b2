"""The README's field reference is generated from the schema and must not drift from it."""

from conftest import REPO

from loket.fieldref import field_reference


def test_field_reference_in_readme_matches_schema():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    embedded = readme.split("<!-- fields:start -->\n")[1].split("<!-- fields:end -->")[0]
    assert embedded == field_reference("dienst"), "Regenerate with: python -c 'from loket.fieldref import field_reference; print(field_reference())'"


def test_readme_commands_are_the_ci_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/test" in ci
    assert "scripts/serve" in readme
