"""The dictionary's derivation: a modifier no entry has on its own is read from the compounds it begins."""
import importlib.util
from pathlib import Path

_TOOL = Path(__file__).resolve().parents[1] / "tools" / "build_dictionary.py"


def _tool():
    spec = importlib.util.spec_from_file_location("build_dictionary", _TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_bound_modifier_means_what_its_compounds_share():
    table = {"export": ["export"], "politik": ["policy", "politics"], "markt": ["market"], "preis": ["price"],
             "agrarexport": ["agricultural export"], "agrarpolitik": ["agricultural policy"],
             "agrarmarkt": ["agricultural market"], "agrarpreis": ["farm price"]}
    assert _tool()._bound_modifiers(table) == {"agrar": ["agricultural"]}


def test_a_modifier_that_is_a_word_or_too_rare_or_split_in_meaning_is_not_added():
    table = {"export": ["export"], "markt": ["market"], "politik": ["policy"], "preis": ["price"],
             "land": ["state"], "landesexport": ["state export"], "landesmarkt": ["state market"],
             "landespolitik": ["state policy"],                              # "landes" is "land" linked by "es"
             "fischexport": ["fish export"], "fischmarkt": ["fish market"],  # two compounds only
             "nordexport": ["northern export"], "nordmarkt": ["north market"], "nordpolitik": ["eastern policy"],
             "nordpreis": ["western price"]}                                 # no meaning most share
    assert _tool()._bound_modifiers(table) == {}


def test_a_technical_or_rare_sense_ranks_after_the_common_ones():
    tool = _tool()
    assert tool._ranks("Verband {m} [constr.]") == [2]               # a technical field's sense
    assert tool._ranks("Amt {n} (Dienststelle) [adm.]") == [0]        # a field news is about keeps its rank
    assert tool._ranks("Vereinigung {f}; Verband {m}; Verein {m}") == [0, 1, 1]   # the entry's other forms
