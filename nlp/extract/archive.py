"""Zip archives of documents, as departments and portals publish a year's tables.

:func:`expand_archives` replaces each ``.zip`` among the input files by its members,
unpacked into a work folder the caller owns, named ``archive.zip/member`` in every row
and failure. Member names written by Chinese Windows tools are GBK bytes without the
zip's UTF-8 flag; they are decoded as such. Nested archives are expanded too (a few
levels), and an archive that is damaged, encrypted or implausibly large becomes one
failure with the reason; the other files of the batch go on.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path, PurePosixPath

from nlp.schema import ExtractError

ARCHIVE_SUFFIXES = (".zip",)
#: Limits against zip bombs and runaway nesting.
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 4 * 2**30
MAX_DEPTH = 3


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as its author wrote it: GBK when the UTF-8 flag is not set
    (Python's zipfile then decodes the bytes as cp437)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _skipped_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or any(p.startswith((".", "~$")) or p == "__MACOSX" for p in parts)


def open_archive(path: Path, source_file: str) -> zipfile.ZipFile:
    """The archive, or an ExtractError saying why it cannot be read."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ExtractError(source_file, "corrupt or truncated zip archive: download it again") from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise ExtractError(source_file, f"zip archive holds {len(infos)} files, more than {MAX_MEMBERS}: unpack it and give the folders")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        archive.close()
        raise ExtractError(source_file, "zip archive unpacks to more than 4 GB: unpack it and give the folders")
    return archive


def expand_archives(items: list[tuple[Path, str]], workdir: Path) -> tuple[list[tuple[Path, str]], list]:
    """(items with every archive replaced by its members, failures of archives or members
    that could not be unpacked). ``workdir`` must outlive the reading of the items."""
    from nlp.extract import FileFailure

    out: list[tuple[Path, str]] = []
    failures: list[FileFailure] = []
    counter = [0]

    def expand(path: Path, source: str, depth: int) -> None:
        try:
            archive = open_archive(path, source)
        except ExtractError as error:
            failures.append(FileFailure(source, error.reason))
            return
        with archive:
            members = sorted((member_name(i), i) for i in archive.infolist() if not i.is_dir())
            for name, info in members:
                if _skipped_member(name):
                    continue
                member_source = f"{source}/{name}"
                counter[0] += 1
                # Only the base name is used on disk: a member path cannot leave the work folder.
                target = workdir / str(counter[0]) / PurePosixPath(name).name
                target.parent.mkdir(parents=True)
                try:
                    with archive.open(info) as stream, open(target, "wb") as handle:
                        shutil.copyfileobj(stream, handle)
                except RuntimeError:  # zipfile: "File ... is encrypted, password required"
                    failures.append(FileFailure(member_source, "encrypted in the zip archive: unpack it with the password and give the files"))
                    continue
                except (zipfile.BadZipFile, OSError, EOFError) as error:
                    failures.append(FileFailure(member_source, f"damaged in the zip archive ({error}): download the archive again"))
                    continue
                if target.suffix.lower() in ARCHIVE_SUFFIXES:
                    if depth < MAX_DEPTH:
                        expand(target, member_source, depth + 1)
                    else:
                        failures.append(FileFailure(member_source, f"zip archives nested more than {MAX_DEPTH} deep: unpack it and give the folders"))
                    continue
                out.append((target, member_source))

    for path, source in items:
        if Path(path).suffix.lower() in ARCHIVE_SUFFIXES:
            expand(Path(path), source, 1)
        else:
            out.append((path, source))
    return out, failures
