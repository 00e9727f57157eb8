"""Uploaded files (receipts of material aid) go with the database: a backup FILE gets a
companion archive FILE.media.tar.gz of MEDIA_ROOT, restored next to it."""

import hashlib
import tarfile
from pathlib import Path

from django.conf import settings


def archive_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".media.tar.gz")


def _root() -> Path:
    return Path(settings.MEDIA_ROOT)


def dump_media(backup: Path) -> Path:
    """Archive every file under MEDIA_ROOT (an empty archive when there is none)."""
    target = archive_path(backup)
    root = _root()
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                archive.add(path, arcname=path.relative_to(root).as_posix())
    return target


def restore_media(backup: Path, into: Path | None = None) -> int:
    """Extract the archive into ``into`` (MEDIA_ROOT by default); returns the file count.
    A file already there with other content is an error: a restore never overwrites."""
    root = into or _root()
    source = archive_path(backup)
    if not source.exists():
        return 0
    with tarfile.open(source, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        clashes = [
            m.name
            for m in members
            if (root / m.name).exists()
            and _digest((root / m.name).read_bytes()) != _digest(_read(archive, m))
        ]
        if clashes:
            raise FileExistsError(f"would overwrite {', '.join(clashes[:5])}")
        archive.extractall(root, members=members, filter="data")
    return len(members)


def media_fingerprint(root: Path | None = None) -> dict[str, str]:
    """SHA-256 of every uploaded file, by path relative to MEDIA_ROOT."""
    root = root or _root()
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): _digest(p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def archived_fingerprint(backup: Path) -> dict[str, str]:
    source = archive_path(backup)
    if not source.exists():
        return {}
    with tarfile.open(source, "r:gz") as archive:
        return {m.name: _digest(_read(archive, m)) for m in archive.getmembers() if m.isfile()}


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(member)
    return handle.read() if handle is not None else b""


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
