import numpy as np

from accroche.linkage.bloom import BITS, dice
from accroche.linkage.normalise import normalise
from accroche.linkage.pprl_model import encoder

ROW = normalise({"first_name": "Mohamed", "last_name": "Diallo", "phone": "0612345678"})


def test_the_same_record_under_another_key_gives_unrelated_filters():
    one = encoder(b"a" * 32).plain_table([ROW])["last"]
    other = encoder(b"b" * 32).plain_table([ROW])["last"]
    assert dice(one, other)[0] < 0.6


def test_two_files_with_the_same_name_are_stored_differently():
    """Frequency hardening: identical names must not give identical stored filters."""
    enc = encoder(b"k" * 32)
    assert enc.store(ROW, "1")[0] != enc.store(ROW, "2")[0]


def test_storing_is_stable_for_one_file():
    enc = encoder(b"k" * 32)
    assert enc.store(ROW, "1") == enc.store(ROW, "1")


def test_stored_filters_all_weigh_the_same_whatever_the_name():
    """Balancing: the number of ones says nothing about the length of a name."""
    enc = encoder(b"k" * 32)
    short = normalise({"first_name": "Aya"})
    weights = {
        int(np.unpackbits(np.frombuffer(enc.store(row, "1")[0], dtype=np.uint8)).sum())
        for row in (ROW, short)
    }
    assert weights == {BITS * len(enc.fields)}


def test_a_stored_filter_stays_close_to_the_plain_one():
    enc = encoder(b"k" * 32)
    stored = enc.table([enc.load(enc.store(ROW, "1")[0])], [enc.store(ROW, "1")[1]])
    plain = enc.plain_table([ROW])
    assert dice(stored["last"], plain["last"])[0] > 0.9


def test_the_stored_bytes_do_not_contain_the_name():
    stored, _mask = encoder(b"k" * 32).store(ROW, "1")
    assert b"diallo" not in stored.lower()
    assert b"0612345678" not in stored


def test_absent_fields_are_flagged_not_encoded():
    enc = encoder(b"k" * 32)
    _stored, mask = enc.store(ROW, "1")
    table = enc.table([enc.load(_stored)], [mask])
    assert table["has_last"][0]
    assert not table["has_email"][0]
