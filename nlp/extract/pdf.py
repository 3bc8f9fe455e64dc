"""Reader for PDF documents (pdfplumber): ruled tables, tables printed without rules, and text.

Each page gives blocks in reading order. Tables come from the ruling lines
(``page.find_tables``); on a page without rules, from the text itself: the
header line and the lines below it give the columns (where text starts), and a
line continues the row above when its cells continue cells that filled their
column (wrapped text); pdfplumber's "text" strategy is the last resort. The
text outside the tables gives the title, department and project of the next
table, as paragraphs do in a Word document (:func:`nlp.extract.layout.split_tables`).
A table that runs over a page break (same column count, no header or the same
header repeated on the new page, nothing but a page number or running header in
between) is read as one table, so merged 一级/二级 cells carry over the break; a
row broken by the break is joined again. Rows are located as "p3!R5" (page 3,
5th ruled-table row on that page) or "p3!L12" (row starting on the 12th text line).
Files without a usable text layer (scans, fonts without a Unicode map) are
refused with a message saying to run OCR.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp.extract.layout import Context, Row, context_from_lines, is_header_row, split_tables
from nlp.schema import ExtractError, ExtractResult, Table

__all__ = ["pdf_tables", "read_pdf", "unwrap_cell"]

_TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}
_HEADER_WORDS = ("一级", "二级", "三级", "指标名称", "指标值", "指标内容", "指标类型", "完成值", "目标值")
_PAGE_NUMBER_RE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$")
_LIST_ITEM_RE = re.compile(r"^(?:\d{1,2}\s*[.、．)）]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)")
_LATIN_END_RE = re.compile(r"[A-Za-z]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z]")
# A gap wider than this many character heights between two characters on a line separates cells.
_CELL_GAP = 1.5
# Tightly packed tables (narrow Word columns) leave less between cells: tried when no header shows.
_NARROW_CELL_GAP = 0.8
# A page with fewer characters than this and an image is a scanned page (a page number at most).
_SCAN_PAGE_CHARS = 20
_WORD_GAP = 0.25


def unwrap_cell(text: str | None) -> str:
    """Cell text with the printer's line wrapping undone: Chinese text wraps anywhere,
    so wrapped lines join without a space ("服务对象满意度指\\n标" -> "服务对象满意度指标");
    a line that starts a numbered item ("2.对人员缴纳...") keeps its line break."""
    if not text:
        return ""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        if _LIST_ITEM_RE.match(line):
            out += "\n" + line
        elif _LATIN_END_RE.search(out) and _LATIN_START_RE.match(line):
            out += " " + line
        else:
            out += line
    return out


@dataclass
class _Block:
    """A table (rows) or a text line (cells) on a page, with its vertical position."""

    page: int
    top: float
    rows: list[Row] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    width: int = 0
    #: A text line in the top or bottom tenth of the page (where running headers and footers sit).
    in_margin: bool = False
    #: A page number, or a running header/footer repeated in the margin of other pages.
    furniture: bool = False
    #: The first row is the rest of a row broken by the page break (text printed without rules).
    starts_with_tail: bool = False

    @property
    def is_table(self) -> bool:
        return bool(self.rows)

    @property
    def text(self) -> str:
        return " ".join(self.cells)

    @property
    def is_page_number(self) -> bool:
        return not self.rows and (self.furniture or bool(_PAGE_NUMBER_RE.match(self.text)))


@dataclass
class _Chunk:
    """A run of characters on one line, between gaps wider than 1.5 character heights."""

    x0: float
    x1: float
    text: str
    size: float


@dataclass
class _Line:
    top: float
    bottom: float
    chunks: list[_Chunk]
    chars: list[dict] = field(default_factory=list)

    @property
    def cells(self) -> list[str]:
        return [chunk.text for chunk in self.chunks]


def _line_chunks(chars: list[dict], cell_gap: float = _CELL_GAP) -> list[_Chunk]:
    """The characters of one text line cut into cells at gaps wider than 1.5 character
    heights; inside a cell a smaller gap between Latin words becomes a space."""
    chunks: list[_Chunk] = []
    current: _Chunk | None = None
    previous = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = char.get("text", "")
        if not text.strip():
            continue
        size = max(float(char.get("size") or 0), 1.0)
        if previous is not None and current is not None:
            gap = char["x0"] - previous["x1"]
            if gap > cell_gap * max(size, float(previous.get("size") or 0)):
                chunks.append(current)
                current = None
            elif gap > _WORD_GAP * size and _LATIN_END_RE.search(current.text) and _LATIN_START_RE.match(text):
                current.text += " "
        if current is None:
            current = _Chunk(float(char["x0"]), float(char["x1"]), "", size)
        current.text += text
        current.x1 = float(char["x1"])
        current.size = max(current.size, size)
        previous = char
    if current is not None:
        chunks.append(current)
    for chunk in chunks:
        chunk.text = chunk.text.strip()
    return [chunk for chunk in chunks if chunk.text]


def _line_cells(chars: list[dict]) -> list[str]:
    """Cell texts of one text line (see :func:`_line_chunks`)."""
    return [chunk.text for chunk in _line_chunks(chars)]


def _text_lines(page, cell_gap: float = _CELL_GAP) -> list[_Line]:
    """Every text line of a (filtered) page, top to bottom, cut into chunks."""
    lines = []
    for line in page.extract_text_lines(return_chars=True, strip=True):
        chunks = _line_chunks(line.get("chars", []), cell_gap)
        if chunks:
            chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
            lines.append(_Line(float(line["top"]), float(line["bottom"]), chunks, chars))
    return lines


def _outside(bboxes: list[tuple[float, float, float, float]]):
    """A pdfplumber filter keeping objects whose centre lies outside every table box."""

    def keep(obj) -> bool:
        if "x0" not in obj or "top" not in obj:
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    return keep


def _grid(table) -> list[list[str]]:
    """A pdfplumber table as rows of cell text (covered merged cells and empty cells as "")."""
    rows = []
    for raw in table.extract():
        cells = [unwrap_cell(cell) for cell in raw]
        rows.append(cells)
    return rows


@dataclass
class _Columns:
    """Column layout of a table printed without rules: where each column's text starts."""

    starts: list[float]
    right_edge: float
    #: Cells of the last line read with these columns (a wrapped cell may go on on the next page).
    last_cells: dict = field(default_factory=dict)
    #: Whether the first row read last with these columns was the rest of a broken row.
    tail: bool = False

    @property
    def width(self) -> int:
        return len(self.starts)

    def index(self, x0: float, size: float) -> int:
        return max(0, sum(1 for start in self.starts if x0 + 0.3 * size >= start) - 1)

    def right(self, column: int) -> float:
        """Where text of ``column`` wraps: at the next column's text start, or the table edge."""
        return self.starts[column + 1] if column + 1 < len(self.starts) else self.right_edge


def _columns_from(lines: list[_Line]) -> _Columns:
    """Column starts of a table printed without rules: x positions where text of two or
    more lines starts (left-aligned cells start at the same x; centred header labels
    fall inside their column)."""
    size = max((chunk.size for line in lines for chunk in line.chunks), default=10.0)
    clusters: list[list[float]] = []  # [first x, count, last x]
    for x in sorted(chunk.x0 for line in lines for chunk in line.chunks):
        if clusters and x - clusters[-1][2] <= 0.5 * size:
            clusters[-1][1] += 1
            clusters[-1][2] = x
        else:
            clusters.append([x, 1, x])
    starts = [first for first, count, _ in clusters if count >= 2] or [clusters[0][0]]
    right_edge = max(chunk.x1 for line in lines for chunk in line.chunks)
    columns = _Columns(starts, right_edge)
    # A header label standing right of everything written in its column heads a column of
    # its own, even if that column is empty below ("备注").
    reach: dict[int, float] = {}
    for line in lines[1:]:
        for chunk in line.chunks:
            index = columns.index(chunk.x0, chunk.size)
            reach[index] = max(reach.get(index, chunk.x0), chunk.x1)
    extra = [
        chunk.x0 for chunk in lines[0].chunks
        if chunk.x0 > reach.get(columns.index(chunk.x0, chunk.size), float("inf")) + 0.5 * chunk.size
    ]
    return _Columns(sorted(starts + extra), right_edge) if extra else columns


def _split_by_columns(line: _Line, columns: _Columns) -> dict[int, _Chunk]:
    """The characters of a line grouped by column (a cell filled to its edge runs into the
    next cell's text with no visible gap; the column starts separate them)."""
    cells: dict[int, _Chunk] = {}
    for char in sorted(line.chars, key=lambda c: c["x0"]):
        size = max(float(char.get("size") or 0), 1.0)
        column = columns.index(float(char["x0"]), size)
        chunk = cells.get(column)
        if chunk is None:
            cells[column] = _Chunk(float(char["x0"]), float(char["x1"]), char["text"], size)
            continue
        if char["x0"] - chunk.x1 > _WORD_GAP * size and _LATIN_END_RE.search(chunk.text) and _LATIN_START_RE.match(char["text"]):
            chunk.text += " "
        chunk.text += char["text"]
        chunk.x1 = float(char["x1"])
    return cells


def _names_levels(cells: list[str]) -> bool:
    from nlp.extract.layout import cell_role

    return is_header_row(cells) and any(cell_role(cell) in ("l1", "l2") for cell in cells)


def _rows_of(
    body: list[tuple[int, _Line]], columns: _Columns, page_number: int, continued: bool = False
) -> list[Row]:
    """Rows of a table printed without rules, located by their first line ("p4!L7").

    When the line spacing has two clear sizes (lines inside a cell close together, rows
    further apart, as cell margins make them), the spacing decides: a close line
    continues the row, even a cell centred lower down or a short line left by the
    line-breaking rules ("6" / "年）"). Otherwise a line continues the row above when it
    follows closely and each of its cells continues a cell that was filled to its
    column's edge on the line above (the text wrapped). ``continued``: the body goes on
    from the previous page; its first row is the rest of a broken row when its cells
    continue the filled cells of that page's last line (``columns.last_cells``)."""
    lines = [(number, line) for number, line in body if not _PAGE_NUMBER_RE.match(" ".join(line.cells))]
    pitches = [round(b.top - a.top) for (_, a), (_, b) in zip(lines, lines[1:]) if b.top > a.top]
    # The commonest spacing is the line pitch inside cells when cells wrap often.
    base = max(sorted(set(pitches)), key=pitches.count) if pitches else 0
    by_spacing = sum(1 for p in pitches if p > 1.3 * base) >= 1 and sum(1 for p in pitches if p <= 1.15 * base) >= 2
    close = base * 1.15
    rows: list[Row] = []
    current: list[list[str]] = []
    previous: _Line | None = None
    previous_cells: dict[int, _Chunk] = {}
    tail = False
    in_header = not continued  # until the first data row
    for number, line in lines:
        placed = _split_by_columns(line, columns)
        size = max(chunk.size for chunk in placed.values())
        if previous is None:
            wraps = False
            tail = continued and bool(columns.last_cells) and all(
                column in columns.last_cells and columns.last_cells[column].x1 >= columns.right(column) - 2.5 * size
                for column in placed
            )
        elif in_header and _names_levels(line.cells):
            wraps = False  # the lower row of a two-row header (一级指标 | 二级指标 ...) is a row of its own
        elif by_spacing:
            wraps = line.top - previous.top <= close
        else:
            wraps = line.top - previous.bottom <= size and all(
                column in previous_cells and previous_cells[column].x1 >= columns.right(column) - 2.5 * size
                for column in placed
            )
        if not wraps:
            current = [[] for _ in range(columns.width)]
            rows.append((f"p{page_number}!L{number}", current))
            in_header = in_header and (previous is None or is_header_row(line.cells))
        for column, chunk in placed.items():
            current[column].append(chunk.text)
        previous, previous_cells = line, placed
    if page_number:
        columns.last_cells = previous_cells
        columns.tail = tail
    return [(locator, [unwrap_cell("\n".join(parts)) for parts in cells]) for locator, cells in rows]


def _unwrap_preamble(numbered: list[tuple[int, _Line]], columns: _Columns) -> list[_Line]:
    """Metadata lines above a table printed without rules, with values wrapped inside their
    column joined again ("项目名称 综合事务" + "管理" -> "项目名称 综合事务管理"). Only lines
    whose cells each fit in one column of the table are joined; titles pass unchanged."""

    def aligned(line: _Line) -> bool:
        return all(
            chunk.x1 <= columns.right(columns.index(chunk.x0, chunk.size)) + chunk.size for chunk in line.chunks
        )

    out: list[_Line] = []
    run: list[tuple[int, _Line]] = []

    def flush() -> None:
        if run:
            for _, cells in _rows_of(run, columns, 0):
                texts = [text for text in cells if text]
                first = run[0][1]
                out.append(_Line(first.top, first.bottom, [_Chunk(0, 0, text, 1.0) for text in texts]))
            run.clear()

    for number, line in numbered:
        if aligned(line):
            run.append((number, line))
        else:
            flush()
            out.append(line)
    flush()
    return sorted(out, key=lambda line: line.top)


_COLUMN_ROLES = {"l1", "l2", "name", "value", "actual", "score", "weight", "unit", "nature", "desc", "basis"}


def _upper_header_start(numbered: list[tuple[int, _Line]], header_at: int) -> int:
    """The first line of a two-row header whose lower row holds the levels: lines just
    above it that name columns ("绩效指标 | 指标值 | 指标值确定依据") belong to the table."""
    from nlp.extract.layout import cell_role

    start = header_at
    for index in range(header_at - 1, max(-1, header_at - 4), -1):
        if any(cell_role(cell) in _COLUMN_ROLES for cell in numbered[index][1].cells):
            start = index
    return start


def _unruled_segments(lines: list[_Line], page_number: int, carried: _Columns | None):
    """A page's text lines as [(lines before a table, table rows, columns)], for tables
    printed without rules, or [] when the page holds none.

    Columns come from where text starts on the header line and the lines below it. Lines
    at the top of a page that continue the previous page's table (no header, cells in
    two or more of its columns) come first, with the previous page's columns."""
    numbered = list(enumerate(lines, start=1))
    segments = []
    if carried is not None:
        end = 0
        while end < len(numbered) and not is_header_row(numbered[end][1].cells) and (
            context_from_lines([numbered[end][1].cells]) == Context()
        ):
            end += 1
        prefix = numbered[:end]
        if any(len(_split_by_columns(line, carried)) >= 2 for _, line in prefix[:3]):
            rows = _rows_of(prefix, carried, page_number, continued=True)
            segments.append(([], rows, carried, carried.tail))
            numbered = numbered[end:]
    header_at = next((i for i, (_, line) in enumerate(numbered) if is_header_row(line.cells)), None)
    if header_at is not None:
        header_at = _upper_header_start(numbered, header_at)
        body = numbered[header_at:]
        columns = _columns_from([line for _, line in body if not _PAGE_NUMBER_RE.match(" ".join(line.cells))])
        preamble = _unwrap_preamble(numbered[:header_at], columns)
        segments.append((preamble, _rows_of(body, columns, page_number), columns, False))
    elif segments and numbered:
        segments.append(([line for _, line in numbered], [], carried, False))
    return segments


def _page_blocks(page, page_number: int, carried: _Columns | None = None) -> tuple[list[_Block], _Columns | None]:
    """Tables and text lines of one page, top to bottom, and the columns of a table printed
    without rules that runs to the end of the page (the next page may continue it)."""
    height = float(page.height or 0)

    def text_block(line: _Line) -> _Block:
        in_margin = bool(height) and not (0.1 * height <= line.top <= 0.9 * height)
        return _Block(page_number, line.top, cells=line.cells, in_margin=in_margin)

    found = [(t.bbox, _grid(t)) for t in page.find_tables()]
    found = [(bbox, rows) for bbox, rows in found if any(any(cells) for cells in rows)]
    if not found:
        segments = _unruled_segments(_text_lines(page), page_number, carried)
        if not segments:
            segments = _unruled_segments(_text_lines(page, _NARROW_CELL_GAP), page_number, carried)
        if segments:
            blocks = []
            for preamble, rows, columns, tail in segments:
                blocks.extend(text_block(line) for line in preamble)
                if rows:
                    top = blocks[-1].top + 0.1 if blocks else 0.0
                    rows = [r for r in rows if any(r[1])]
                    blocks.append(_Block(page_number, top, rows=rows, width=columns.width, starts_with_tail=tail))
            # Only a table that runs to the end of the page can continue on the next one.
            return blocks, (segments[-1][2] if segments[-1][1] else None)
        # Columns from pdfplumber's text alignment (slow: only on a page naming header words),
        # kept only when they hold an indicator header.
        text = "".join(char.get("text", "") for char in page.chars)
        if sum(1 for word in _HEADER_WORDS if word in text) >= 2:
            aligned = [(t.bbox, [cells for cells in _grid(t) if any(cells)]) for t in page.find_tables(_TEXT_SETTINGS)]
            found = [(bbox, rows) for bbox, rows in aligned if any(is_header_row(cells) for cells in rows)]
    blocks: list[_Block] = []
    counter = 0
    for bbox, rows in sorted(found, key=lambda item: item[0][1]):
        located = []
        for cells in rows:
            counter += 1
            if any(cells):
                located.append((f"p{page_number}!R{counter}", cells))
        width = max((len(cells) for cells in rows), default=0)
        blocks.append(_Block(page_number, float(bbox[1]), rows=located, width=width))
    text_page = page.filter(_outside([t[0] for t in found])) if found else page
    blocks.extend(text_block(line) for line in _text_lines(text_page))
    blocks.sort(key=lambda block: block.top)
    return blocks, None


def _mark_furniture(blocks: list[_Block]) -> None:
    """Running headers and footers: the same text in the page margin of two or more pages
    ("兴隆县医疗保障局2022年部门预算"). They neither break a table continued on the next
    page nor become a table's title."""
    pages: dict[str, set[int]] = {}
    for block in blocks:
        if block.in_margin:
            key = re.sub(r"\d+", "#", block.text)  # "第 3 页" and "第 4 页" are the same footer
            pages.setdefault(key, set()).add(block.page)
    for block in blocks:
        if block.in_margin and len(pages.get(re.sub(r"\d+", "#", block.text), ())) >= 2:
            # A repeated line that names a title, unit or project is content, never furniture.
            block.furniture = context_from_lines([block.cells]) == Context()


def _header_of(rows: list[Row]) -> list[str] | None:
    return next((cells for _, cells in rows if is_header_row(cells)), None)


def _row_tail(header: list[str], rows: list[Row], first: list[str]) -> bool:
    """Whether the first row on a page is the rest of the last row of the page before (a
    row broken by the page break). Its text lies only in columns that row filled, and
    it lacks what a row starting here would have: a 三级 name and a value, or a cell in a
    column every row of the table so far fills (分值, 指标方向, a short value printed
    whole on the page before)."""
    from nlp.extract.grid import header_roles

    last = rows[-1][1]

    def above(column: int) -> str:  # the text a merged cell shows in this column
        return next((cells[column] for _, cells in reversed(rows) if column < len(cells) and cells[column]), "")

    filled = [i for i, text in enumerate(first) if text]
    # A merged cell (项目名称, 一级, 年度目标) spanning the break is printed again, or goes
    # on, on the new page: that text belongs to the merged cell, not to a new row.
    tail_text = [i for i in filled if not (i < len(last) and not last[i] and above(i))]
    if not tail_text or not all(i < len(last) and last[i] for i in tail_text):
        return False
    roles = header_roles(header)
    key_columns = [i for i, role in roles.items() if role in ("name", "value")]
    if key_columns and not any(i < len(first) and first[i] for i in key_columns):
        return True
    header_at = next((n for n, (_, cells) in enumerate(rows) if cells == header), None)
    data = [cells for _, cells in rows[header_at + 1:]] if header_at is not None else []
    if len(data) < 3:
        return False
    always = [
        i for i in range(len(first))
        if sum(1 for cells in data if i < len(cells) and cells[i]) >= 0.9 * len(data)
    ]
    return any(not first[i] for i in always)


def _join_tail(rows: list[Row], tail: list[str]) -> None:
    """Join the rest of a broken row to it, cell by cell; text in a column where the row is
    empty continues the merged cell above (it is joined there, unless it repeats it)."""
    for column, text in enumerate(tail):
        if not text:
            continue
        for position in range(len(rows) - 1, -1, -1):
            locator, cells = rows[position]
            if column < len(cells) and cells[column]:
                if cells[column] != text:
                    cells = list(cells)
                    cells[column] = unwrap_cell(f"{cells[column]}\n{text}")
                    rows[position] = (locator, cells)
                break


def _merge_page_breaks(blocks: list[_Block]) -> list[_Block]:
    """Join a table continued on the next page to the table it continues."""
    merged: list[_Block] = []
    for block in blocks:
        previous = next((b for b in reversed(merged) if not b.is_page_number), None)
        if (
            block.is_table
            and previous is not None
            and previous.is_table
            and previous.page + 1 == block.page
            and previous.width == block.width
            and not any(b.page == block.page and not b.is_page_number for b in merged)
        ):
            first = block.rows[0][1]
            header = _header_of(previous.rows)
            if header is not None and (block.starts_with_tail or _row_tail(header, previous.rows, first)):
                # A row broken by the page break: its tail joins it again (even when its
                # wrapped pieces, "指标 | 指标", read like header labels).
                _join_tail(previous.rows, first)
                previous.rows.extend(block.rows[1:])
                continue
            if not is_header_row(first):
                previous.rows.extend(block.rows)
                continue
            if header is not None and [c.strip() for c in first] == [c.strip() for c in header]:
                previous.rows.extend(block.rows[1:])  # the header repeated on every page
                continue
        merged.append(block)
    return merged


def _deduplicated(page):
    """The page without doubled characters: fake bold prints each character twice at
    nearly the same place ("产产出出"). pdfplumber's dedupe is slow, so it runs only
    when a quick look finds doubles."""
    seen: set[tuple[str, int, int]] = set()
    for char in page.chars:
        key = (char.get("text", ""), round(char["x0"]), round(char["top"]))
        if key in seen:
            return page.dedupe_chars()
        seen.add(key)
    return page


def _open_error(source_file: str, error: Exception) -> ExtractError:
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or "password" in str(cause).lower():
        return ExtractError(
            source_file,
            "password-protected (encrypted) PDF: open it with the password and print or save it as a new PDF without one",
        )
    detail = str(cause) or name
    return ExtractError(
        source_file,
        f"corrupt or truncated PDF ({name}: {detail}); download it again or open it in a PDF reader and save a new copy",
    )


def _check_header(path: Path, source_file: str) -> None:
    from nlp.extract import file_head

    head = file_head(path, source_file, 1024)
    if b"%PDF" not in head:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
            raise ExtractError(
                source_file,
                "not a PDF file: it is an HTML page (often a failed download saved under a .pdf name); "
                "download the PDF again, or save the page as .html",
            )
        from nlp.extract.delimited import describe_magic

        looks = describe_magic(head)
        reason = f"it looks like {looks}" if looks else "there is no %PDF header"
        raise ExtractError(source_file, f"not a PDF file: {reason}; give it its real extension")


def pdf_tables(path: Path, source_file: str) -> list[Table]:
    """The indicator tables of a PDF document, in reading order."""
    path = Path(path)
    _check_header(path, source_file)
    try:
        import pdfplumber
    except ImportError as error:
        raise ExtractError(source_file, f"the PDF reader is not available ({error}); pip install pdfplumber") from None
    blocks: list[_Block] = []
    characters = unmapped = image_pages = 0
    carried: _Columns | None = None
    try:
        with pdfplumber.open(path) as pdf:
            pages = pdf.pages
            if not pages:
                raise ExtractError(source_file, "the PDF has no pages")
            for number, page in enumerate(pages, start=1):
                texts = [char.get("text", "") for char in page.chars]
                characters += sum(1 for text in texts if text.strip())
                unmapped += sum(1 for text in texts if text.startswith("(cid:"))
                if len(texts) < _SCAN_PAGE_CHARS and page.images:
                    image_pages += 1
                # Fake bold prints each character twice at nearly the same place ("产产出出").
                page_blocks, carried = _page_blocks(_deduplicated(page), number, carried)
                blocks.extend(page_blocks)
                page.close()  # frees the page's parsed objects: long reports stay small in memory
    except (ExtractError, NameError, AttributeError, AssertionError, ImportError):
        raise  # reader bugs are reported as such by the batch, not as a damaged file
    except Exception as error:  # pdfminer raises many types for damaged or locked files
        raise _open_error(source_file, error) from None
    if unmapped * 2 > characters:
        raise ExtractError(
            source_file,
            "the text layer cannot be decoded (fonts without a Unicode map print as \"(cid:...)\"); "
            "run OCR first, or export the PDF again from the original document",
        )
    if not characters:
        raise ExtractError(
            source_file,
            f"no text layer (scanned image?); run OCR first ({len(pages)} page(s) without any text)",
        )
    tables: list[Table] = []
    context = Context()
    paragraphs: list[list[str]] = []
    _mark_furniture(blocks)
    for block in _merge_page_breaks(blocks):
        if not block.is_table:
            if not block.is_page_number:
                paragraphs.append(block.cells)
            continue
        context = context_from_lines(paragraphs, context)
        paragraphs = []
        found, context = split_tables(block.rows, source_file, len(tables) + 1, context, merged_filled=False)
        tables.extend(found)
    if not tables:
        if image_pages * 2 >= len(pages):
            raise ExtractError(
                source_file,
                f"no text layer on {image_pages} of {len(pages)} page(s) (scanned image?); run OCR first",
            )
        from nlp.extract.office import _no_table_error

        raise _no_table_error(source_file, f"{len(pages)} PDF page(s)")
    return tables


def read_pdf(path: Path, source_file: str) -> ExtractResult:
    """Read every indicator table of a PDF with a text layer (see the module docstring)."""
    from nlp.extract.office import _interpret

    return _interpret(pdf_tables(path, source_file), ExtractResult(source_file=source_file))
