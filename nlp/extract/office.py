"""Readers for Office files: .xlsx workbooks (openpyxl) and .docx documents (python-docx).

Both build :class:`~nlp.schema.Table` grids of displayed cell text, with merged
cells filled in, and hand each indicator table to
:func:`nlp.extract.grid.interpret_table`.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from nlp.extract.layout import Context, Row, context_from_lines, split_tables
from nlp.schema import ExtractError, ExtractResult, SkippedRow, Table

#: Skip reason for a formula cell saved without a computed value.
SKIP_FORMULA_NO_VALUE = "formula without cached value"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --- shared: whole-file checks and interpretation ----------------------------------------------

def _check_zip_container(path: Path, source_file: str, kind: str, legacy: str) -> None:
    """Fail early, with a reason a person can act on, for files that are not OOXML zips of ``kind``."""
    from nlp.extract import file_head

    head = file_head(path, source_file, 64)
    if head.startswith(_OLE_MAGIC):
        with open(path, "rb") as handle:
            container = handle.read(1 << 22)
        if "EncryptedPackage".encode("utf-16-le") in container:
            raise ExtractError(
                source_file, f"password-protected (encrypted) {kind} file; remove the password and save it again"
            )
        raise ExtractError(
            source_file, f"legacy {legacy} file (Office 97-2003 binary format) is not supported; save it as {kind}"
        )
    if not zipfile.is_zipfile(path):
        from nlp.extract.delimited import describe_magic

        looks = "" if head.startswith(b"PK") else describe_magic(head)
        reason = f"it looks like {looks}" if looks else "corrupt or truncated zip archive"
        raise ExtractError(source_file, f"not a valid {kind} file: {reason}")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    # An .xlsx holds xl/workbook.xml and a .docx word/document.xml; a renamed one of the other says so.
    part, what = _OOXML_MAIN_PARTS[kind]
    other_part, other_what = _OOXML_MAIN_PARTS[".docx" if kind == ".xlsx" else ".xlsx"]
    if part not in names:
        hint = f" (it looks like {other_what})" if other_part in names else ""
        raise ExtractError(source_file, f"zip archive is not {what}: no {part}{hint}")


_OOXML_MAIN_PARTS = {".xlsx": ("xl/workbook.xml", "an Excel workbook"), ".docx": ("word/document.xml", "a Word document")}


def _interpret(tables: list[Table], result: ExtractResult) -> ExtractResult:
    """Run the generic grid interpreter over each table and collect its output."""
    from nlp.extract.grid import interpret_table

    outputs = [interpret_table(table) for table in tables]
    _goals_of_goal_tables(tables, outputs)
    for output in outputs:
        result.rows.extend(output.rows)
        result.skipped.extend(output.skipped)
        result.empty_templates.extend(output.empty_templates)
        result.tables += output.tables
    return result


def _goals_of_goal_tables(tables: list[Table], outputs: list[ExtractResult]) -> None:
    """A grid without an indicator header that holds a 绩效目标 block (a project information
    table, or a 自评 block split off below the indicators) gives its goal to the next
    indicator table, or to the one before it when none follows; never over a goal of its own."""
    from nlp.extract.goals import goal_of_rows
    from nlp.extract.grid import _is_goal_stop

    for position, (table, output) in enumerate(zip(tables, outputs)):
        if output.tables:
            continue
        goal = goal_of_rows((cells for _, cells in table.rows), _is_goal_stop)
        if not goal:
            continue
        following = [o for o in outputs[position + 1:] if o.rows]
        preceding = [o for o in outputs[:position] if o.rows]
        target = following[0] if following else preceding[-1] if preceding else None
        if target is not None and not any(row.goal for row in target.rows):
            for row in target.rows:
                row.goal = goal


def _no_table_error(source_file: str, what: str) -> ExtractError:
    return ExtractError(
        source_file,
        f"no indicator table found in {what}: no row has two of the headers "
        "一级指标 / 二级指标 / 三级指标 (指标名称) / 指标值 / 完成值",
    )


# --- xlsx ----------------------------------------------------------------------------------------

def _general(value: float | int) -> str:
    """Excel's General format: integers without ".0", floats to 11 significant digits
    (so binary noise such as 82800.92000000001 is not shown)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.11g}"
    if "e" in text and 1e-9 <= abs(value) < 1e11:  # Excel writes 0.00001, not 1E-05
        text = format(Decimal(text), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
    return text


_SECTION_SPLIT_RE = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')
_BRACKET_RE = re.compile(r"\[([^\]]*)\]")


def _literal_parts(section: str) -> list[tuple[str, str]]:
    """Split a number-format section into ("lit", text) and ("code", placeholders) parts."""
    parts: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            parts.append(("lit", section[i + 1:end]))
            i = end + 1
        elif char == "\\" and i + 1 < len(section):
            parts.append(("lit", section[i + 1]))
            i += 2
        elif char == "_":
            i += 2  # padding the width of the next character: nothing visible
        elif char == "*" and i + 1 < len(section):
            i += 2  # fill character: column-width dependent, ignored
        elif char == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            tag = section[i + 1:end]
            if tag.startswith("$"):  # currency/locale: [$¥-804] shows ¥
                parts.append(("lit", tag[1:].split("-")[0]))
            i = end + 1
        elif char in "0#?.,%Ee+-" or char == "/":
            if char in "+-" and not (parts and parts[-1][0] == "code" and parts[-1][1][-1:] in "Ee"):
                parts.append(("lit", char))
            elif parts and parts[-1][0] == "code":
                parts[-1] = ("code", parts[-1][1] + char)
            else:
                parts.append(("code", char))
            i += 1
        else:
            parts.append(("lit", char))
            i += 1
    return parts


def _round_half_up(value: float, places: int) -> Decimal:
    """Excel rounds the 15-significant-digit value half away from zero (0.955 under
    "0%" shows 96%, although 0.955*100 is 95.49999999999999 in binary)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(f"{value:.15g}").quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | int, number_format: str) -> str:
    """The text Excel shows for a number under ``number_format`` ("0%", "0.00", "#,##0.00_ ",
    '0.0"万元"', "0.00E+00" ...). Unsupported codes fall back to General."""
    fmt = (number_format or "General").strip()
    if fmt in ("General", "@", "") or fmt.lower() == "general":
        return _general(value)
    sections = _SECTION_SPLIT_RE.split(fmt)
    if any(_BRACKET_RE.search(s) and re.search(r"\[[<>=]", s) for s in sections):
        return _general(value)  # conditional sections: rare, not worth emulating
    negative_section = value < 0 and len(sections) >= 2
    if value < 0:
        section = sections[1] if len(sections) >= 2 else sections[0]
    elif value == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
    if section.strip().lower() == "general":
        return _general(abs(value) if negative_section else value)
    parts = _literal_parts(section)
    codes = [text for kind, text in parts if kind == "code"]
    numeric = [c for c in codes if any(ch in c for ch in "0#?")]
    if not numeric:
        if any("%" in c for c in codes):
            numeric = []
        else:  # pure text format, e.g. '"是"'
            return "".join(text for kind, text in parts if kind == "lit") or _general(value)
    if any("/" in c for c in codes):
        return _general(value)
    percent = sum(c.count("%") for c in codes) + sum(t.count("%") for k, t in parts if k == "lit")
    number = abs(value) if (negative_section or value < 0) else value
    scaled = number * (100 ** percent)
    code = (numeric[0] if numeric else "0").replace("%", "")
    if "E" in code.upper():
        mantissa_code = re.split(r"[Ee]", code)[0]
        places = len(mantissa_code.split(".")[1]) if "." in mantissa_code else 0
        text = f"{scaled:.{places}E}"
        mantissa, exponent = text.split("E")
        rendered = f"{mantissa}E{exponent[0]}{abs(int(exponent)):02d}"
    else:
        integer_code, _, decimal_code = code.partition(".")
        thousands = "," in integer_code.strip(",")
        trailing_commas = len(integer_code) - len(integer_code.rstrip(","))
        scaled = scaled / (1000 ** trailing_commas)
        places = sum(1 for ch in decimal_code if ch in "0#?")
        min_places = sum(1 for ch in decimal_code if ch == "0")
        try:
            rounded = _round_half_up(scaled, places)
        except InvalidOperation:
            return _general(value)
        text = f"{rounded:f}"
        whole, _, fraction = text.partition(".")
        fraction = fraction[:places]
        while len(fraction) > min_places and fraction.endswith("0"):
            fraction = fraction[:-1]
        min_int = integer_code.count("0")
        if whole == "0" and min_int == 0:
            whole = ""
        whole = whole.zfill(min_int)
        if thousands and whole:
            whole = f"{int(whole):,}"
        rendered = whole + ("." + fraction if fraction or decimal_code.startswith("0") and places else "")
        if not fraction and places == 0 and "." in code and not decimal_code:
            rendered = whole + "."
    out: list[str] = []
    placed = False
    for kind, text in parts:
        if kind == "lit":
            out.append(text)
        elif any(ch in text for ch in "0#?") and not placed:
            out.append(rendered + "%" * text.count("%"))
            placed = True
        elif "%" in text:
            out.append("%" * text.count("%"))
    if not placed:
        out.insert(0, rendered)
    elif not numeric:
        pass
    sign = "-" if value < 0 and not negative_section and float(rendered.replace(",", "").rstrip(".") or 0) else ""
    return sign + "".join(out)


_DATE_TOKEN_RE = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\"[^\"]*\"|\\.|.", re.I)


def format_datetime(value: dt.datetime | dt.date | dt.time, number_format: str) -> str:
    """Render a date/time the way its number format shows it (年月日, yyyy/m/d, hh:mm)."""
    fmt = _BRACKET_RE.sub("", (number_format or "").split(";")[0])
    # Built-in formats 14 and 22 follow the system locale; in Chinese Excel they read yyyy/m/d.
    fmt = {"mm-dd-yy": "yyyy/m/d", "m/d/yy h:mm": "yyyy/m/d h:mm"}.get(fmt, fmt)
    if isinstance(value, dt.timedelta):
        return str(value)
    if not fmt or fmt.lower() == "general":
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    tokens = _DATE_TOKEN_RE.findall(fmt)
    out: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        previous = next((t.lower() for t in reversed(tokens[:index]) if t.strip(' "/-:.年月日')), "")
        following = next((t.lower() for t in tokens[index + 1:] if t.strip(' "/-:.年月日')), "")
        is_minute = low in ("m", "mm") and (previous.startswith("h") or following.startswith("s"))
        year = getattr(value, "year", None)
        if low == "yyyy" and year:
            out.append(f"{value.year:04d}")
        elif low == "yy" and year:
            out.append(f"{value.year % 100:02d}")
        elif low in ("m", "mm") and is_minute:
            out.append(f"{value.minute:0{len(low)}d}")
        elif low in ("m", "mm") and year:
            out.append(f"{value.month:0{len(low)}d}")
        elif low in ("mmm", "mmmm") and year:
            out.append(value.strftime("%b" if low == "mmm" else "%B"))
        elif low in ("d", "dd") and year:
            out.append(f"{value.day:0{len(low)}d}")
        elif low in ("ddd", "dddd") and year:
            out.append(value.strftime("%a" if low == "ddd" else "%A"))
        elif low in ("h", "hh") and hasattr(value, "hour"):
            out.append(f"{value.hour:0{len(low)}d}")
        elif low in ("s", "ss") and hasattr(value, "second"):
            out.append(f"{value.second:0{len(low)}d}")
        elif low in ("am/pm", "a/p"):
            continue
        elif token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        else:
            out.append(token)
    return "".join(out).strip()


def _clean_text(text: str) -> str:
    return text.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def render_cell(value: object, number_format: str) -> str:
    """The text a worksheet cell shows."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return format_datetime(value, number_format)
    return _clean_text(str(value))


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """(row, column) of every formula cell saved without a cached value, per sheet.

    Read straight from the sheet XML in one streaming pass (<c> with <f> and no
    <v>), because openpyxl's data_only mode drops the formula and keeps None.
    """
    import posixpath
    import xml.etree.ElementTree as ElementTree

    from openpyxl.utils.cell import coordinate_to_tuple

    formulas: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")}
        names = set(archive.namelist())
        for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if part not in names:
                continue
            found = formulas.setdefault(sheet.get("name", ""), set())
            with archive.open(part) as stream:
                for _, element in ElementTree.iterparse(stream, events=("end",)):
                    if element.tag == f"{_MAIN_NS}c":
                        value = element.find(f"{_MAIN_NS}v")
                        formula = element.find(f"{_MAIN_NS}f") is not None
                        if formula and (value is None or not value.text) and element.get("r"):
                            found.add(coordinate_to_tuple(element.get("r")))
                        element.clear()
                    elif element.tag == f"{_MAIN_NS}row":
                        element.clear()
    return formulas


def sheet_grid(sheet, formula_cells: set[tuple[int, int]]) -> tuple[list[Row], list[str]]:
    """Rows of displayed text for one worksheet, merged ranges filled, fully empty rows dropped.

    Only cells that hold something are visited (a sheet formatted down to row
    1048576 costs nothing), and the grid ends at the last cell with text.
    Returns the rows and the coordinates of formula cells that had no cached value
    (left empty: the formula text is never shown as data).
    """
    texts: dict[tuple[int, int], str] = {}
    missing: list[tuple[int, int, str]] = []
    cells = sheet._cells.values() if hasattr(sheet, "_cells") else (c for row in sheet.iter_rows() for c in row)
    for cell in cells:
        if cell.__class__.__name__ == "MergedCell":
            continue
        value = cell.value
        if value is None:
            if (cell.row, cell.column) in formula_cells:
                missing.append((cell.row, cell.column, cell.coordinate))
            continue
        if isinstance(value, str) and cell.data_type == "f":  # defensive: never show formula text
            continue
        text = render_cell(value, cell.number_format)
        if text:
            texts[(cell.row, cell.column)] = text
    if not texts:
        return [], [coordinate for _, _, coordinate in sorted(missing)]
    max_row = max(r for r, _ in texts)
    max_column = max(c for _, c in texts)
    for merged in sheet.merged_cells.ranges:
        top = texts.get((merged.min_row, merged.min_col), "")
        if not top:
            continue
        for r in range(merged.min_row, min(merged.max_row, max_row) + 1):
            for c in range(merged.min_col, min(merged.max_col, max_column) + 1):
                texts[(r, c)] = top
    grid: dict[int, list[str]] = {}
    for (r, c), text in texts.items():
        grid.setdefault(r, [""] * max_column)[c - 1] = text
    rows = [(f"{sheet.title}!R{r}", grid[r]) for r in sorted(grid)]
    return rows, [coordinate for _, _, coordinate in sorted(missing)]


def xlsx_tables(path: Path, source_file: str) -> tuple[list[Table], list[SkippedRow]]:
    """The indicator tables of every visible sheet, and a note per formula cell that
    had no cached value (such cells are left empty)."""
    path = Path(path)
    _check_zip_container(path, source_file, ".xlsx", ".xls")
    try:
        from openpyxl import load_workbook

        formulas = _formula_cells(path)
        with open(path, "rb") as handle:
            workbook = load_workbook(handle, data_only=True)
        sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
        grids = [(sheet.title, *sheet_grid(sheet, formulas.get(sheet.title, set()))) for sheet in sheets]
    except ExtractError:
        raise
    except Exception as error:  # openpyxl raises many types for damaged parts
        raise ExtractError(
            source_file, f"cannot read the workbook ({type(error).__name__}: {error}); open and re-save it in Excel"
        ) from None
    tables: list[Table] = []
    context = Context()
    for _, rows, _ in grids:
        found, after = split_tables(rows, source_file, len(tables) + 1, context, merged_filled=True)
        tables.extend(found)
        # A sheet without a table (project details) informs the next sheet; after a sheet
        # with tables only the department carries over: each sheet names its own project.
        context = Context(department=after.department, dept_rank=after.dept_rank) if found else after
    if not tables:
        what = ", ".join(f"sheet {t} ({len(r)} rows)" for t, r, _ in grids) or "the workbook (no visible sheet)"
        raise _no_table_error(source_file, what)
    notes = [
        SkippedRow(
            source_file=source_file,
            table_index=_table_of(tables, title, coordinate),
            row_locator=f"{title}!{coordinate}",
            reason=SKIP_FORMULA_NO_VALUE,
            text="cell left empty: the workbook was saved without computed values; "
            "open it in Excel and save it again to store them",
        )
        for title, _, missing in grids
        for coordinate in missing
    ]
    return tables, notes


def read_xlsx(path: Path, source_file: str) -> ExtractResult:
    """Read every visible sheet of an .xlsx/.xlsm workbook; one Table per indicator header.

    Cells are rendered as Excel displays them (number formats applied, 0.95 under
    "0%" is "95%"), merged ranges are filled, formula cells use their cached values.
    """
    from nlp.extract.flat_sheet import read_flat_workbook

    flat = read_flat_workbook(path, source_file)
    if flat is not None:
        return flat  # a flat 部门/项目 list: streamed, one table per project as for CSV
    tables, notes = xlsx_tables(path, source_file)
    result = _interpret(tables, ExtractResult(source_file=source_file))
    result.skipped.extend(notes)
    return result


def _table_of(tables: list[Table], sheet: str, coordinate: str) -> int:
    """Index of the table holding a cell (0 when the cell lies outside every table)."""
    row = int(re.sub(r"^[A-Z]+", "", coordinate))
    for table in tables:
        numbers = [int(loc.rsplit("!R", 1)[1]) for loc, _ in table.rows if loc.startswith(sheet + "!R")]
        if numbers and numbers[0] <= row <= numbers[-1]:
            return table.table_index
    return 0


# --- docx ----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins")
# Characters inserted with Insert > Symbol from the Symbol font (w:sym w:char="F0B3").
_SYMBOL_FONT = {"F0B3": "≥", "F0A3": "≤", "F0B1": "±", "F0B4": "×", "F0B8": "÷", "F0B9": "≠", "F0BB": "≈", "F0D6": "√"}


def _children(parent, tag: str):
    """Children with ``tag``, looking through content controls and tracked insertions."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _paragraph_text(paragraph) -> str:
    """Visible text of a w:p: runs (also inside hyperlinks, fields and tracked
    insertions), tabs, breaks and Symbol-font characters; deleted text, text boxes
    and compatibility fallbacks (duplicates) are left out."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}sym":
                code = (child.get(f"{_W}char") or "").upper()
                parts.append(_SYMBOL_FONT.get(code, ""))
            elif tag in (f"{_W}del", f"{_W}txbxContent", _MC_FALLBACK, f"{_W}pPr", f"{_W}rPr", f"{_W}tbl"):
                continue
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _cell_text(tc) -> str:
    return _clean_text("\n".join(_paragraph_text(p) for p in _children(tc, f"{_W}p")))


def _docx_table_grid(table_element, table_number: int) -> list[Row]:
    """Rows of a Word table on its layout grid.

    A horizontally merged cell (gridSpan) keeps its text in its first column only,
    so a name is not doubled across columns; a vertically merged cell (vMerge
    continue) repeats the text above, so 一级/二级 carry down.
    """

    def int_attr(parent, tag: str) -> int:
        element = parent.find(f"{_W}{tag}") if parent is not None else None
        value = element.get(f"{_W}val") if element is not None else None
        return int(value) if value and value.isdigit() else 0

    raw_rows: list[list[tuple[str, bool]]] = []  # (text, is_vmerge_continuation) per grid column
    for tr in _children(table_element, f"{_W}tr"):
        tr_pr = tr.find(f"{_W}trPr")
        cells: list[tuple[str, bool]] = [("", False)] * int_attr(tr_pr, "gridBefore")
        for tc in _children(tr, f"{_W}tc"):
            tc_pr = tc.find(f"{_W}tcPr")
            span = max(1, int_attr(tc_pr, "gridSpan"))
            vmerge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
            continuation = vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue")
            cells.append((_cell_text(tc), continuation))
            cells.extend([("", continuation)] * (span - 1))  # covered columns stay empty
        raw_rows.append(cells)
    width = max((len(r) for r in raw_rows), default=0)
    rows: list[Row] = []
    above = [""] * width
    for number, raw in enumerate(raw_rows, start=1):
        texts = [""] * width
        for column, (text, continuation) in enumerate(raw):
            texts[column] = above[column] if continuation else text
        above = texts
        if any(texts):
            rows.append((f"table{table_number}!R{number}", texts))
    return rows


def _iter_body(element):
    """Paragraphs and tables of the document body in reading order (content controls opened).
    A table nested in a cell follows its outer table."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _iter_body(child)
        elif child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            yield child
            for nested in child.iter(f"{_W}tbl"):
                if nested is not child:
                    yield nested


def docx_tables(path: Path, source_file: str) -> list[Table]:
    """The indicator tables of a .docx document, in reading order."""
    path = Path(path)
    _check_zip_container(path, source_file, ".docx", ".doc")
    try:
        import docx

        document = docx.Document(str(path))
        blocks: list[tuple[str, object]] = []
        table_number = 0
        for element in _iter_body(document.element.body):
            if element.tag == f"{_W}tbl":
                table_number += 1
                blocks.append(("table", _docx_table_grid(element, table_number)))
            else:
                text = _clean_text(_paragraph_text(element))
                if text:
                    blocks.append(("text", text))
    except ExtractError:
        raise
    except Exception as error:  # python-docx / lxml raise many types for damaged parts
        raise ExtractError(
            source_file, f"cannot read the document ({type(error).__name__}: {error}); open and re-save it in Word"
        ) from None
    return tables_from_blocks(blocks, source_file, table_number)


def tables_from_blocks(blocks, source_file: str, n_grids: int) -> list[Table]:
    """The indicator tables of a Word document's blocks, in order: ("text", paragraph) blocks give
    the next grid its title, department and project; ("table", rows) grids are split into tables."""
    tables: list[Table] = []
    context = Context()
    paragraphs: list[list[str]] = []
    for kind, content in blocks:
        if kind == "text":
            paragraphs.append([content])
            continue
        context = context_from_lines(paragraphs, context)
        paragraphs = []
        found, context = split_tables(content, source_file, len(tables) + 1, context, merged_filled=True)
        tables.extend(found)
    if not tables:
        raise _no_table_error(source_file, f"{n_grids} Word table(s)")
    return tables


def read_docx(path: Path, source_file: str) -> ExtractResult:
    """Read every table of a .docx document; paragraphs before a table give its title,
    department and project; metadata-only tables pass theirs on to the next table."""
    return _interpret(docx_tables(path, source_file), ExtractResult(source_file=source_file))
