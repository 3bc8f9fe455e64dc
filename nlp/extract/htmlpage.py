"""Reader for HTML pages (stdlib html.parser): budget-disclosure web pages and saved pages.

Every data ``<table>`` becomes a grid on its layout: ``rowspan``/``colspan``
cells are repeated over the cells they cover (``Table.merged_filled``), as the
xlsx reader fills merged ranges. A table that holds other tables is a page
layout table: its cell text is read as paragraphs and its inner tables as
tables, in document order. Text before a table (headings, paragraphs) gives
its title, department and project (:func:`nlp.extract.layout.split_tables`).
Rows are located as "table3!R5" (3rd ``<table>`` of the page, 5th row).
A page without an indicator table is read as plain text (its visible lines).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from nlp.extract.layout import Context, Row, context_from_lines, split_tables
from nlp.schema import ExtractError, ExtractResult, Table

__all__ = ["decode_html", "html_blocks", "looks_like_html", "read_html", "read_html_text"]

_META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_HTML_RE = re.compile(r"<(?:table|html|tbody|tr)[\s>]|<!doctype\s+html", re.I)
_CHINESE_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}
_SKIP_CONTENT = {"script", "style", "noscript", "template", "svg", "object", "iframe", "select"}
_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "hr", "caption", "center", "form",
    "title", "main", "figure", "figcaption", "address",
}
_MAX_SPAN = 200  # a typo such as colspan="1000000" must not build a huge grid
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


def looks_like_html(text: str) -> bool:
    """True for a saved web page or HTML fragment (a <table>, <html> or doctype tag)."""
    return bool(_HTML_RE.search(text[:200_000]))


def decode_html(data: bytes, source_file: str) -> str:
    """Text of an HTML file: the charset its <meta> declares when the bytes decode with
    it (gb2312/gbk read as GB18030, their superset), else UTF-8 / GB18030 detection."""
    from nlp.extract import decode_text

    found = _META_CHARSET_RE.search(data[:8192])
    if found and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = found.group(1).decode("ascii", "ignore").lower()
        name = _CHINESE_ALIASES.get(name, name)
        try:
            codecs.lookup(name)
            return data.decode(name).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown declaration: detect instead
    return decode_text(data, source_file)


@dataclass
class _Cell:
    rowspan: int = 1
    colspan: int = 1
    parts: list = field(default_factory=list)  # str pieces and nested _HtmlTable objects, in order

    def text(self) -> str:
        return _clean("".join(p for p in self.parts if isinstance(p, str)))


@dataclass
class _HtmlTable:
    number: int
    rows: list[list[_Cell]] = field(default_factory=list)
    row_open: bool = False
    cell: _Cell | None = None
    caption: list[str] = field(default_factory=list)  # <caption> text: the table's title
    in_caption: bool = False

    @property
    def has_nested(self) -> bool:
        return any(not isinstance(p, str) for row in self.rows for cell in row for p in cell.parts)


def _clean(text: str) -> str:
    """Whitespace of a text run collapsed per line; line breaks come from <br>/<p>/<div>."""
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _span(value: str | None) -> int:
    try:
        number = int(str(value).strip().rstrip(";"))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), _MAX_SPAN)


class _PageParser(HTMLParser):
    """Collects the page as a sequence of text runs and tables (tables nest in cells)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list = []  # top level: str runs and _HtmlTable
        self.stack: list[_HtmlTable] = []
        self.skip_depth = 0
        self.tables = 0

    def _sink(self) -> list:
        for table in reversed(self.stack):
            if table.cell is not None:
                return table.cell.parts
            break
        return self.items

    def _write(self, text: str) -> None:
        if self.stack and self.stack[-1].cell is None:
            if self.stack[-1].in_caption:
                self.stack[-1].caption.append(text)
            return  # text between cells (whitespace, stray text) is not content
        self._sink().append(text)

    def _close_cell(self, table: _HtmlTable) -> None:
        table.cell = None

    def _close_row(self, table: _HtmlTable) -> None:
        self._close_cell(table)
        table.row_open = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_CONTENT:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "table":
            self.tables += 1
            table = _HtmlTable(self.tables)
            self._sink().append(table)
            self.stack.append(table)
            return
        if self.stack and tag == "caption" and self.stack[-1].cell is None:
            self.stack[-1].in_caption = True
            return
        if self.stack and tag == "tr":
            table = self.stack[-1]
            self._close_row(table)
            table.rows.append([])
            table.row_open = True
            return
        if self.stack and tag in ("td", "th"):
            table = self.stack[-1]
            self._close_cell(table)
            if not table.row_open:
                table.rows.append([])
                table.row_open = True
            values = dict(attrs)
            cell = _Cell(_span(values.get("rowspan")), _span(values.get("colspan")))
            table.rows[-1].append(cell)
            table.cell = cell
            return
        if tag in _BLOCK_TAGS:
            self._write("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _SKIP_CONTENT:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag == "table" and self.stack:
            self.stack.pop()
            self._write("\n")
            return
        if self.stack and tag == "caption":
            self.stack[-1].in_caption = False
            return
        if self.stack and tag == "tr":
            self._close_row(self.stack[-1])
            return
        if self.stack and tag in ("td", "th"):
            self._close_cell(self.stack[-1])
            return
        if tag in _BLOCK_TAGS:
            self._write("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._write(data)


def _grid(table: _HtmlTable) -> list[Row]:
    """Rows of a data table on its layout grid, spanned cells repeated."""
    taken: dict[tuple[int, int], str] = {}
    height = len(table.rows)
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            text = cell.text()
            for dr in range(min(cell.rowspan, height - r)):
                for dc in range(cell.colspan):
                    taken[(r + dr, column + dc)] = text
            column += cell.colspan
    width = max((c for _, c in taken), default=-1) + 1
    rows: list[Row] = []
    for r in range(height):
        cells = [taken.get((r, c), "") for c in range(width)]
        if any(cells):
            rows.append((f"table{table.number}!R{r + 1}", cells))
    return rows


def _lines(text: str) -> list[list[str]]:
    return [[line] for line in _clean(text).split("\n") if line]


def html_blocks(text: str) -> list[tuple[str, object]]:
    """("text", [line]) and ("table", rows) blocks of a page in document order;
    layout tables (tables holding tables) are opened into their text and inner tables."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks: list[tuple[str, object]] = []

    def emit(items: list) -> None:
        run: list[str] = []
        for item in items:
            if isinstance(item, str):
                run.append(item)
                continue
            blocks.extend(("text", line) for line in _lines("".join(run)))
            blocks.extend(("text", line) for line in _lines("".join(item.caption)))
            run = []
            if item.has_nested:
                for row in item.rows:
                    for cell in row:
                        emit(cell.parts + ["\n"])
            else:
                blocks.append(("table", _grid(item)))
        blocks.extend(("text", line) for line in _lines("".join(run)))

    emit(parser.items)
    return blocks


def _tables(blocks: list[tuple[str, object]], source_file: str) -> list[Table]:
    tables: list[Table] = []
    context = Context()
    paragraphs: list[list[str]] = []
    for kind, content in blocks:
        if kind == "text":
            paragraphs.append(content)
            continue
        context = context_from_lines(paragraphs, context)
        paragraphs = []
        found, context = split_tables(content, source_file, len(tables) + 1, context, merged_filled=True)
        tables.extend(found)
    return tables


def read_html_text(text: str, source_file: str, path: Path | None = None) -> ExtractResult:
    """Rows of a decoded HTML page: its indicator tables, or, when it has none, its
    visible text read by the plain-text reader."""
    from nlp.extract.office import _interpret

    blocks = html_blocks(text)
    tables = _tables(blocks, source_file)
    if tables:
        return _interpret(tables, ExtractResult(source_file=source_file))
    visible = "\n".join(
        "\n".join(" ".join(cells) for _, cells in content) if kind == "table" else content[0]
        for kind, content in blocks
    )
    if not visible.strip():
        raise ExtractError(source_file, "the HTML page has no visible text: nothing to read")
    from nlp.extract import extract_text

    return extract_text(visible, source_file, path)


def read_html(path: Path, source_file: str) -> ExtractResult:
    """Read an .html/.htm page (see the module docstring)."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise ExtractError(source_file, "empty file (0 bytes or only whitespace); nothing to read")
    return read_html_text(decode_html(data, source_file), source_file, path)
