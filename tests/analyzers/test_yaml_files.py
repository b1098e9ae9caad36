import pytest

from cto.analyzers.yaml_files import MAX_YAML_BYTES, load_yaml, load_yaml_documents


def test_plain_yaml_loads():
    assert load_yaml("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n") == {
        True: "push",
        "jobs": {"test": {"runs-on": "ubuntu-latest"}},
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # any alias is refused
        "a: [1, 2\n",  # invalid
        "!!python/object/apply:os.system ['touch /tmp/pwned']\n",  # never builds objects
        "x: " + "a" * MAX_YAML_BYTES + "\n",  # too large
    ],
)
def test_hostile_or_broken_yaml_is_none(text):
    assert load_yaml(text) is None


def test_billion_laughs_is_refused_quickly():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert load_yaml(lol) is None


def test_multi_document():
    assert load_yaml_documents("kind: A\n---\nkind: B\n") == [{"kind": "A"}, {"kind": "B"}]
    assert load_yaml_documents("kind: A\n---\nb: *nope\n") is None


def test_a_larger_cap_for_lockfiles_still_refuses_aliases():
    big = "packages:\n" + "".join(f"  p{i}: {{version: 1.0.{i}}}\n" for i in range(30_000))
    assert len(big) > MAX_YAML_BYTES
    assert load_yaml(big) is None
    assert len(load_yaml(big, max_bytes=20_000_000)["packages"]) == 30_000
    assert load_yaml("a: &x 1\nb: *x\n", max_bytes=20_000_000) is None
