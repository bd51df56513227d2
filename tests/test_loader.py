"""Finding concepts by reference: built-in names, files (FILE.py, FILE.py:ClassName) and
packages' entry points; clear errors for every bad reference."""

from __future__ import annotations

import sys

import pytest

from keidesign import CabOverTruck, get_concept
from keidesign.concepts import loader, registry
from keidesign.concepts.presets import PRESETS
from keidesign.errors import ParameterError
from tests.conftest import SMALLEST_CONCEPT

TWO_CONCEPTS = '''\
from keidesign import CabOverTruck, MidEngineConcept


class Truck(CabOverTruck):
    name = "truck-a"


class Racer(MidEngineConcept):
    name = "racer-b"
'''


@pytest.fixture
def entry_points(plugin_path, monkeypatch):
    """The package of ``plugin_path`` importable and its entry points found, in this process;
    the caches of entry points are cleared before and after."""
    monkeypatch.syspath_prepend(str(plugin_path))
    loader.find_entry_points.cache_clear()
    registry.registered_concepts.cache_clear()
    yield plugin_path
    loader.find_entry_points.cache_clear()
    registry.registered_concepts.cache_clear()
    for name in [m for m in sys.modules if m.split(".")[0] == "keivans"]:
        del sys.modules[name]


def test_built_in_names_resolve_to_their_classes():
    assert get_concept("cab-over-truck") is CabOverTruck
    assert CabOverTruck.locator() == "cab-over-truck"


def test_smallest_file_is_a_concept_that_finds_itself_again(smallest_concept, monkeypatch):
    cls = get_concept(str(smallest_concept))
    assert issubclass(cls, CabOverTruck) and cls.name == "my-truck"
    assert cls.reference == f"{smallest_concept.resolve()}:MyTruck" == cls.locator()
    assert get_concept(cls.locator()) is cls
    # Loaded under a module name made from the absolute path, as every process will.
    assert cls.__module__ == loader.module_name_for(smallest_concept.resolve())
    assert sys.modules[cls.__module__].MyTruck is cls
    monkeypatch.chdir(smallest_concept.parent)
    assert get_concept("my_truck.py") is cls  # relative to the working folder
    assert get_concept("my_truck.py:MyTruck") is cls
    assert cls().analyse().fits
    # The built-in class keeps its own reference.
    assert CabOverTruck.locator() == "cab-over-truck"


def test_loading_writes_nothing_beside_the_file(smallest_concept):
    get_concept(str(smallest_concept))
    assert sorted(p.name for p in smallest_concept.parent.iterdir()) == ["my_truck.py"]


def test_a_file_with_several_concepts_needs_a_class_name(write_concept):
    path = write_concept(TWO_CONCEPTS, "two.py")
    assert get_concept(f"{path}:Racer").name == "racer-b"
    assert get_concept(f"{path}:Truck").name == "truck-a"
    with pytest.raises(ParameterError, match=r"defines several concepts \(Truck, Racer\): "
                                             r"name one, e\.g\. 'two\.py:Truck'") as info:
        get_concept(str(path))
    assert info.value.name == "concept" and info.value.value == str(path)


@pytest.mark.parametrize(("text", "suffix", "match"), [
    ("from keidesign import CabOverTruck\nX = 1\n", "",
     r"defines no concept: no subclass of keidesign\.Concept is defined in it "
     r"\(it imports CabOverTruck\)"),
    ("x = 1\n", "", r"defines no concept"),
    (TWO_CONCEPTS, ":Rcer", r"has no class 'Rcer' \(did you mean 'Racer'\?\); it defines "
                            r"Truck, Racer"),
    (TWO_CONCEPTS, ":CabOverTruck", r"'CabOverTruck' is imported into that file from "
                                    r"keidesign\.concepts\.cab_over_truck, not defined there; "
                                    r"give it by its own name \('cab-over-truck'\)"),
    (TWO_CONCEPTS + "helper = 3\n", ":helper", r"'helper' is not a concept class"),
    (TWO_CONCEPTS, ":1x", r"'1x' after the colon must be a class name"),
])
def test_files_without_the_concept_asked_for(write_concept, text, suffix, match):
    path = write_concept(text, "truck.py")
    with pytest.raises(ParameterError, match=match) as info:
        get_concept(f"{path}{suffix}")
    assert info.value.name == "concept"


@pytest.mark.parametrize(("text", "match"), [
    ("import math\n\nx = 1 / 0\n", r"ZeroDivisionError: division by zero \(.*bad\.py:3\)"),
    ("def broken(:\n", r"SyntaxError: .* \(.*bad\.py:1\)"),
    ("import keidesign_no_such_module\n",
     r"ModuleNotFoundError: No module named 'keidesign_no_such_module' \(.*bad\.py:1\)"),
    ("from keidesign import CabOverTruck\n\n\nclass T(CabOverTruck):\n"
     "    defaults = {'wheelbas': 1800}\n",
     r"ParameterError: T\.defaults: no parameter 'wheelbas' \(did you mean 'wheelbase'\?\)"),
])
def test_a_file_that_raises_on_import_is_a_clear_error(write_concept, text, match):
    path = write_concept(text, "bad.py")
    with pytest.raises(ParameterError, match=match) as info:
        get_concept(str(path))
    message = str(info.value)
    assert message.startswith(f"'concept' file {str(path.resolve())!r} raised an error when "
                              f"loaded: ")
    assert info.value.__cause__ is None and info.value.__suppress_context__  # no traceback
    assert loader.module_name_for(path.resolve()) not in sys.modules


def test_a_missing_file_gets_a_did_you_mean(smallest_concept):
    with pytest.raises(ParameterError, match=r"must be an existing Python file: no file "
                                             r"'my_truk\.py' in '.*' \(did you mean "
                                             r"'my_truck\.py'\?\)") as info:
        get_concept(str(smallest_concept.parent / "my_truk.py"))
    assert str(info.value).count("must be an existing Python file") == 1  # said once
    with pytest.raises(ParameterError, match=r"no folder '.*no_such_folder'") as info:
        get_concept(str(smallest_concept.parent / "no_such_folder" / "x.py"))
    assert str(info.value).count("must be an existing Python file") == 1
    with pytest.raises(ParameterError, match=r"is a folder, not a Python file") as info:
        (smallest_concept.parent / "folder.py").mkdir()
        get_concept(str(smallest_concept.parent / "folder.py"))
    assert "must be an existing Python file" not in str(info.value)


@pytest.mark.parametrize(("reference", "match"), [
    ("cab-over-truk", r"unknown concept 'cab-over-truk' \(did you mean 'cab-over-truck'\?\): "
                      r"'concept' must be a concept name \(cab-over-truck, mid-engine-concept(, [\w-]+)*; "
                      r"or one of \d+ presets of real vehicles; "
                      r"see `keidesign list`\) or a Python file, FILE\.py or FILE\.py:ClassName"),
    ("trucks/my_truck", r"unknown concept 'trucks/my_truck' \(a concept file's name ends in "
                        r"\.py\)"),
])
def test_unknown_names(reference, match):
    with pytest.raises(ParameterError, match=match) as info:
        get_concept(reference)
    assert info.value.name == "concept" and info.value.value == reference


def test_a_name_that_is_a_file_without_its_suffix_gets_a_did_you_mean(smallest_concept,
                                                                      monkeypatch):
    monkeypatch.chdir(smallest_concept.parent)
    with pytest.raises(ParameterError, match=r"unknown concept 'my_truck' \(did you mean "
                                             r"'my_truck\.py'\?\)"):
        get_concept("my_truck")


def test_long_references_are_quoted_short():
    with pytest.raises(ParameterError) as info:
        get_concept("x" * 5000)
    assert len(str(info.value)) < 500 and "…" in str(info.value)
    with pytest.raises(ParameterError, match=r"must be a concept name or a Python file, as "
                                             r"text \(got 42\)"):
        get_concept(42)  # type: ignore[arg-type]


def test_an_edited_file_is_loaded_again(write_concept):
    path = write_concept()
    first = get_concept(str(path))
    assert get_concept(str(path)) is first  # unchanged: the same class
    write_concept(SMALLEST_CONCEPT.replace('"my-truck"', '"my-truck-2"'))
    second = get_concept(str(path))
    assert second is not first and second.name == "my-truck-2"
    assert get_concept(first.locator()) is second  # the reference finds the file's class now
    # A file edited into a broken state is an error, and the last good module stays.
    write_concept("raise RuntimeError('half-typed')\n")
    with pytest.raises(ParameterError, match=r"RuntimeError: half-typed"):
        get_concept(str(path))
    assert sys.modules[second.__module__].MyTruck is second


def test_split_file_references():
    assert loader.split_file_reference("a/b.py:Van") == ("a/b.py", "Van")
    assert loader.split_file_reference("a/b.py") == ("a/b.py", None)
    assert loader.split_file_reference(r"C:\trucks\b.py") == (r"C:\trucks\b.py", None)
    assert loader.split_file_reference(r"C:\trucks\b.py:Van") == (r"C:\trucks\b.py", "Van")
    assert not loader.is_file_reference("cab-over-truck")


def test_registered_concepts_resolve_by_name(entry_points):
    assert list(registry.registered_concepts()) == ["van", "broken"]
    assert registry.concept_names() == [*registry.CONCEPTS, *PRESETS, "van", "broken"]
    van = get_concept("van")
    assert van.name == "van" and van.locator() == "van" and van().rated_payload == 250
    with pytest.raises(ParameterError, match=r"'concept' 'broken', registered by package "
                                             r"'keivans' as 'keivans\.broken:Van', cannot be "
                                             r"loaded: RuntimeError: plugin is broken"):
        get_concept("broken")
    with pytest.raises(ParameterError, match=r"unknown concept 'vna' \(did you mean 'van'\?\).*"
                                             r"mid-engine-concept(, [\w-]+)*, van, broken; or one of"):
        get_concept("vna")


def test_a_registered_name_never_shadows_a_built_in(entry_points, caplog):
    info = entry_points / "keivans-1.0.dist-info" / "entry_points.txt"
    info.write_text("[keidesign.concepts]\ncab-over-truck = keivans.concepts:Van\n",
                    encoding="utf-8")
    loader.find_entry_points.cache_clear()
    registry.registered_concepts.cache_clear()
    with caplog.at_level("WARNING", logger="keidesign"):
        assert registry.registered_concepts() == {}
    assert get_concept("cab-over-truck") is CabOverTruck
    assert "shadowed by the built-in concept" in caplog.text


@pytest.mark.parametrize("reference", ["y" * 5000 + ".py", "bad\0name.py", "z" * 300])
def test_references_no_file_system_accepts_are_parameter_errors(reference):
    with pytest.raises(ParameterError, match=r"'concept'") as info:
        get_concept(reference)
    assert len(str(info.value)) < 700


def test_a_class_from_an_imported_file_travels_by_its_file(tmp_path, monkeypatch):
    """A subclass imported as an ordinary module (or defined in a script) is sent to workers
    by its file, not under the name it may inherit from a built-in concept."""
    (tmp_path / "plainmod.py").write_text(
        "from keidesign import CabOverTruck\n\n"
        "class Plain(CabOverTruck):\n"
        "    defaults = {'lift': 50}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import plainmod

    locator = plainmod.Plain.locator()
    assert locator == f"{(tmp_path / 'plainmod.py').resolve()}:Plain"
    again = get_concept(locator)
    assert again.name == "cab-over-truck" and again().lift == 50
    assert CabOverTruck.locator() == "cab-over-truck"


HELPER_USER = """\
from keidesign import CabOverTruck
from kei_test_sibling_helper import LIFT


class Lifted(CabOverTruck):
    name = "lifted"
    defaults = {"lift": LIFT}
"""


@pytest.fixture
def sibling_helper(write_concept, monkeypatch):
    """A concept file importing a helper module beside it; the helper forgotten after."""
    write_concept("LIFT = 60.0\n", "kei_test_sibling_helper.py")
    monkeypatch.delitem(sys.modules, "kei_test_sibling_helper", raising=False)
    yield write_concept(HELPER_USER, "lifted.py")
    sys.modules.pop("kei_test_sibling_helper", None)


def test_a_file_imports_a_helper_module_beside_it(sibling_helper, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)  # the working folder is not the file's
    path_before = list(sys.path)
    cls = get_concept(str(sibling_helper))
    assert cls.name == "lifted" and cls().lift == 60.0
    assert sys.path == path_before  # the folder was on the path while the file ran, only
    # A sweep in this process loads it through the same function.
    from keidesign.sweep import SweepSpec, run_sweep

    table = run_sweep(SweepSpec(concept=str(sibling_helper),
                                vary=["wheelbase=1800:1900:2"])).table
    assert (table["status"] == "ok").all() and (table["lift"] == 60.0).all()


def test_a_file_whose_helper_is_missing_says_so(write_concept, monkeypatch):
    monkeypatch.delitem(sys.modules, "kei_test_sibling_helper", raising=False)
    path = write_concept(HELPER_USER, "lifted.py")
    with pytest.raises(ParameterError, match=r"ModuleNotFoundError: No module named "
                                             r"'kei_test_sibling_helper' \(.*lifted\.py:2\)"):
        get_concept(str(path))
