"""The old versions' bodies kept as differences: each one given back byte for byte."""

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.source import version_bodies
from transparency.source.version_bodies import DEPTH, Delta, Packer, add, common_end, common_start, unpacked

LINES = st.lists(st.sampled_from(["Articolul 1.", "Se aprobă", "ședința", "Șef", "x" * 200, "", "—"]), max_size=30)


def blob_of(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()  # noqa: S324 - a name, as git's


@st.composite
def files(draw):
    """Several files' versions, oldest first: each an edit of the one before, some reverted, some
    versions shared between files (the same blob in two files)."""
    shared = [("\n".join(draw(LINES))).encode() for _ in range(2)]
    found = []
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(LINES)
        versions = []
        for _ in range(draw(st.integers(1, 25))):
            choice = draw(st.integers(0, 5))
            if choice == 0 and lines:
                del lines[draw(st.integers(0, len(lines) - 1))]
            elif choice == 1:
                lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["Nou", "ă" * 3, "y" * 90])))
            elif choice == 2 and versions:
                versions.append(versions[0])  # back to the first text
                continue
            elif choice == 3:
                versions.append(draw(st.sampled_from(shared)))
                continue
            elif choice == 4:
                lines = draw(LINES)  # rewritten
            versions.append("\n".join(lines).encode())
        found.append(versions)
    return found


@settings(max_examples=200, deadline=None)
@given(files())
def test_every_kept_body_comes_back_byte_for_byte(versions_of_files):
    bodies: dict = {}
    for versions in versions_of_files:
        packer = Packer()
        for body in versions:
            add(bodies, blob_of(body), packer.pack(blob_of(body), body))
    for versions in versions_of_files:
        for body in versions:
            assert unpacked(bodies, blob_of(body)) == body
    assert unpacked(bodies, "0" * 40) is None


def test_a_line_changed_keeps_only_the_bytes_between_and_chains_stay_short():
    lines = [f"Articolul {n}. Se aprobă ședința nr. {n}." for n in range(200)]
    bodies: dict = {}
    packer = Packer()
    blobs = []
    for edit in range(40):
        lines[100] = f"Articolul 100 modificat de {edit} ori."
        body = "\n".join(lines).encode()
        blobs.append(blob_of(body))
        add(bodies, blobs[-1], packer.pack(blobs[-1], body))
        assert unpacked(bodies, blobs[-1]) == body
    deltas = [bodies[blob] for blob in blobs if isinstance(bodies[blob], Delta)]
    assert len(deltas) == 40 - len(range(0, 40, DEPTH + 1))  # the first body kept whole, then one in DEPTH + 1
    assert all(len(delta.middle) < 40 and delta.depth <= DEPTH for delta in deltas)


def test_a_text_rewritten_over_half_its_length_is_kept_whole():
    packer = Packer()
    packer.pack("a", b"Textul vechi al hot\xc4\x83r\xc3\xa2rii.")
    assert isinstance(packer.pack("b", b"Cu totul altceva, scris din nou."), bytes)


def test_common_ends_agree_with_a_byte_by_byte_count():
    pairs = [(b"", b""), (b"abc", b"abd"), (b"x" * 100 + b"a" + b"y" * 70, b"x" * 100 + b"bb" + b"y" * 70),
             (b"same", b"same"), (b"prefix", b"pre"), (b"\xc8\x99edin\xc8\x9ba", b"\xc5\x9fedin\xc5\xa3a")]
    for a, b in pairs:
        shortest = min(len(a), len(b))
        start = next((i for i in range(shortest) if a[i] != b[i]), shortest)
        end = next((i for i in range(shortest - start) if a[-1 - i] != b[-1 - i]), shortest - start)
        assert common_start(a, b, shortest) == start
        assert common_end(a, b, shortest - start) == end
    assert version_bodies.DEPTH > 1
