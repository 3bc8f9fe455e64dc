"""Read indicator tables from files: one entry point per file, one per batch.

:func:`extract_file` picks the reader by extension and content;
:func:`extract_paths` reads files and folders and never lets one bad file sink
the batch: a file that cannot be read becomes a :class:`FileFailure` with
the reason.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.schema import ExtractError, ExtractResult, IndicatorRow, SkippedRow

__all__ = [
    "BatchResult",
    "FileFailure",
    "HTML_SUFFIXES",
    "TEXT_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "WORD_BINARY_SUFFIXES",
    "decode_text",
    "extract_file",
    "extract_paths",
    "extract_text",
    "iter_input_files",
]

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
WORD_BINARY_SUFFIXES = (".doc", ".wps")
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES + (".xlsx", ".xlsm", ".xls", ".et", ".docx") + WORD_BINARY_SUFFIXES + (".csv", ".tsv", ".pdf")
    + HTML_SUFFIXES
)

_MAGIC = (
    (b"PK\x03\x04", "a zip container (an .xlsx or .docx file?)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office (.doc/.xls) file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)


_PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$", re.M)


def decode_text(data: bytes, source_file: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or
    GB18030 (which covers GBK/GB2312). Raises :class:`ExtractError` for empty,
    binary or undecodable content."""
    if not data.strip():
        raise ExtractError(source_file, "empty file: there is nothing to read (0 bytes or only whitespace)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ExtractError(
                source_file,
                f"binary file: the content is {what}, not text; give it its real extension or save the table as .txt/.xlsx",
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise ExtractError(source_file, "binary file: it contains NUL bytes, so it is not a text document; save the table as UTF-8 text, .xlsx or .docx")
    for encoding in ("utf-8-sig", "utf-8-damaged", "gb18030"):
        try:
            if encoding == "utf-8-damaged":
                # Mostly UTF-8 with a few broken bytes (a cut-off download): keep the text.
                text = data.decode("utf-8-sig", errors="replace")
                if text.count("\ufffd") * 1000 > len(text):
                    continue
            else:
                text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\r\n\f\v")
        if controls * 20 > min(len(text), 8192):
            raise ExtractError(source_file, "binary file: too many control characters for a text document; save the table as UTF-8 text, .xlsx or .docx")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ExtractError(source_file, "cannot decode the text as UTF-8 or GB18030/GBK: save it as UTF-8 and try again")


def extract_text(text: str, source_file: str, path: Path | None = None) -> ExtractResult:
    """Rows of a decoded text document: Word dump if it looks like one, else
    the plain-text reader (pipe/space/bracket formats)."""
    from nlp.extract.worddump import looks_like_word_dump, read_word_dump

    dumped = read_word_dump(text, source_file) if looks_like_word_dump(text) else None
    if dumped is not None and (dumped.rows or dumped.tables):
        return dumped
    try:
        from nlp.extract.plaintext import read_plain_text
    except ImportError as error:
        if dumped is not None:
            return dumped
        raise ExtractError(
            source_file,
            f"this text is not a Word table dump and the plain-text reader is not available ({error})",
        ) from None
    plain = read_plain_text(path or Path(source_file), source_file, text)
    # Tabs without indicator tables: whichever reader found rows wins.
    if dumped is not None and not plain.rows:
        return dumped
    return plain


def file_head(path: Path, source_file: str, size: int) -> bytes:
    """The first ``size`` bytes of a file, or an ExtractError for a file that cannot be opened
    or is empty (the readers check the kind of file from these bytes)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(size)
    except OSError as error:
        raise ExtractError(source_file, f"cannot open the file ({error.strerror})") from None
    if not head:
        raise ExtractError(source_file, "empty file (0 bytes); nothing to read")
    return head


def _read_misnamed_doc(path: Path, source_file: str) -> ExtractResult | None:
    """A ".doc"/".wps" that is really a .docx, or a web page (systems often serve Word downloads
    as HTML named .doc): read it as what it is. None for anything else (a Word 97-2003 file)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None  # reported by the normal path
    if head.startswith(b"PK\x03\x04"):
        from nlp.extract.office import read_docx

        return read_docx(path, source_file)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"<":
        from nlp.extract.htmlpage import looks_like_html, read_html

        if looks_like_html(stripped.decode("latin-1")):
            return read_html(path, source_file)
    return None


def extract_file(path: str | os.PathLike, source_file: str | None = None) -> ExtractResult:
    """Indicator rows, skipped rows and table count of one file.

    ``source_file`` is the name written into every row (default: the file name).
    Raises :class:`ExtractError` (naming the file and the reason) when the whole
    file cannot be read.
    """
    path = Path(path)
    source_file = source_file or path.name
    if not path.exists():
        raise ExtractError(source_file, "file not found: check the path")
    if path.is_dir():
        raise ExtractError(source_file, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in WORD_BINARY_SUFFIXES:
        misnamed = _read_misnamed_doc(path, source_file)
        if misnamed is not None:
            return misnamed
    if suffix == ".zip":
        from nlp.extract.archive import open_archive

        open_archive(path, source_file).close()  # says why a damaged archive cannot be read
        raise ExtractError(source_file, "a zip archive holds several files: give it to `zhibiao extract` or `zhibiao score`, which read its files one by one")
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise ExtractError(
            source_file,
            f"unsupported file type {shown}: give .txt, .md, .xlsx, .xlsm, .xls, .et, .docx, .doc, .wps, .csv, .tsv, "
            ".pdf, .html or .htm",
        )
    try:
        if suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            text = decode_text(data, source_file)
            from nlp.extract.htmlpage import looks_like_html, read_html_text

            if looks_like_html(text) and (text.lstrip("\ufeff \t\n").startswith("<") or not _PIPE_ROW_RE.search(text)):
                # A web page saved as .txt: read its tables, not its tags. A Markdown file with
                # an HTML table among its pipe tables stays with the text readers.
                return read_html_text(text, source_file, path)
            return extract_text(text, source_file, path)
        if suffix in (".xlsx", ".xlsm"):
            from nlp.extract.office import read_xlsx
            from nlp.extract.xls import is_biff_workbook, read_xls

            if is_biff_workbook(path):  # an old .xls renamed to .xlsx: read what it is
                return read_xls(path, source_file)
            return read_xlsx(path, source_file)
        if suffix == ".xls":
            from nlp.extract.xls import read_xls

            return read_xls(path, source_file)
        if suffix == ".et":
            from nlp.extract.xls import is_biff_workbook, read_xls

            if not is_biff_workbook(path):
                raise ExtractError(
                    source_file,
                    "unsupported file type .et: this WPS spreadsheet is not in the Excel 97-2003 (.xls) format "
                    "WPS normally saves; open it in WPS and save it as .xlsx",
                )
            return read_xls(path, source_file)
        if suffix == ".docx":
            from nlp.extract.office import read_docx

            return read_docx(path, source_file)
        if suffix in WORD_BINARY_SUFFIXES:
            from nlp.extract.doc import read_doc

            return read_doc(path, source_file)
        if suffix == ".pdf":
            from nlp.extract.pdf import read_pdf

            return read_pdf(path, source_file)
        if suffix in HTML_SUFFIXES:
            from nlp.extract.htmlpage import read_html

            return read_html(path, source_file)
        from nlp.extract.delimited import read_delimited

        return read_delimited(path, source_file)
    except PermissionError:
        raise ExtractError(source_file, "permission denied: the file cannot be opened for reading") from None
    except IsADirectoryError:
        raise ExtractError(source_file, "is a folder, not a file") from None
    except ImportError as error:
        raise ExtractError(source_file, f"the reader for {suffix} files is not available ({error})") from None


def iter_input_files(
    paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()
) -> list[tuple[Path, str]]:
    """(path, source_file name) for the given files and every file under the
    given folders (recursive, sorted; hidden files and folders, and Office lock
    files "~$...", are skipped). A file named explicitly is always included so
    that an unsupported one is reported, not silently dropped. ``exclude``
    lists files never to read (the command's own output files)."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = {Path(p).resolve() for p in exclude}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    file_path = Path(root) / name
                    key = file_path.resolve()
                    if key in seen:
                        continue
                    seen.add(key)
                    found.append((file_path, file_path.relative_to(path).as_posix()))
        else:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            found.append((path, path.name))
    return found


@dataclass
class FileFailure:
    source_file: str
    reason: str


@dataclass
class BatchResult:
    """What a batch gave: per-file results and the files that failed."""

    results: list[ExtractResult] = field(default_factory=list)
    failures: list[FileFailure] = field(default_factory=list)

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for result in self.results for row in result.rows]

    @property
    def skipped(self) -> list[SkippedRow]:
        return [row for result in self.results for row in result.skipped]

    @property
    def files_read(self) -> int:
        return len(self.results)

    @property
    def tables(self) -> int:
        return sum(result.tables for result in self.results)

    @property
    def empty_templates(self) -> list[str]:
        return [f"{result.source_file}: {label}" for result in self.results for label in result.empty_templates]


def extract_paths(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> BatchResult:
    """Read every input file (see :func:`iter_input_files`; zip archives are read member by
    member); a file that fails is recorded in ``failures``, never raised."""
    import tempfile

    from nlp.extract.archive import expand_archives

    batch = BatchResult()
    with tempfile.TemporaryDirectory(prefix="zhibiao-zip-") as workdir:
        items, failures = expand_archives(iter_input_files(paths, exclude), Path(workdir))
        batch.failures.extend(failures)
        _extract_items(items, batch)
    return batch


def _extract_items(items, batch: BatchResult) -> None:
    for path, source_file in items:
        try:
            batch.results.append(extract_file(path, source_file))
        except ExtractError as error:
            batch.failures.append(FileFailure(source_file, error.reason))
        except FileNotFoundError:
            batch.failures.append(FileFailure(source_file, "file not found: check the path"))
        except Exception as error:  # a reader bug must not sink the batch
            batch.failures.append(
                FileFailure(source_file, f"could not be read ({type(error).__name__}: {error}); please report this file")
            )
