"""Reader for legacy Excel 97-2003 workbooks (.xls, BIFF8) via xlrd.

Cells are rendered as Excel shows them, with the number formats of the xlsx
reader (1.0 under "0%" is "100%", dates under their format), merged ranges
are filled (xlrd reports merged ranges only with ``formatting_info=True``),
every visible sheet is read and cut into one Table per indicator header,
located as "Sheet1!R7". Files named .xls that are really .xlsx workbooks or
HTML tables (a common "export to Excel" of web systems) go to those readers.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from nlp.extract.layout import Context, Row, split_tables
from nlp.schema import ExtractError, ExtractResult, Table

__all__ = ["is_biff_workbook", "read_xls", "xls_tables"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_biff_workbook(path: Path) -> bool:
    """True for an unencrypted Office 97-2003 file holding an Excel workbook stream
    (the OLE directory names it "Workbook" or "Book", in UTF-16)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 22)
    except OSError:
        return False
    if not head.startswith(_OLE_MAGIC) or "EncryptedPackage".encode("utf-16-le") in head:
        return False
    return any(f"{name}\x00".encode("utf-16-le") in head for name in ("Workbook", "Book"))


def _cell_text(book, cell) -> str:
    import xlrd

    from nlp.extract.office import _clean_text, format_datetime, format_number

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return _clean_text(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    number_format = "General"
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None and cell.xf_index < len(book.xf_list) else None
    if xf is not None and xf.format_key in book.format_map:
        number_format = book.format_map[xf.format_key].format_str
    if kind == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return format_number(cell.value, "General")
        if value.time() == dt.time(0) and "h" not in number_format.lower():
            return format_datetime(value.date(), number_format)
        return format_datetime(value, number_format)
    value = cell.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 and number_format in ("General", "@", ""):
        value = int(value)
    return format_number(value, number_format)


def _sheet_rows(book, sheet) -> list[Row]:
    """Rows of displayed text, merged ranges filled, fully empty rows dropped."""
    texts: dict[tuple[int, int], str] = {}
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            text = _cell_text(book, cell)
            if text:
                texts[(r, c)] = text
    if not texts:
        return []
    max_row = max(r for r, _ in texts)
    max_column = max(c for _, c in texts)
    for row_low, row_high, column_low, column_high in sheet.merged_cells:
        top = texts.get((row_low, column_low), "")
        if not top:
            continue
        for r in range(row_low, min(row_high - 1, max_row) + 1):
            for c in range(column_low, min(column_high - 1, max_column) + 1):
                texts[(r, c)] = top
    grid: dict[int, list[str]] = {}
    for (r, c), text in texts.items():
        grid.setdefault(r, [""] * (max_column + 1))[c] = text
    return [(f"{sheet.name}!R{r + 1}", grid[r]) for r in sorted(grid)]


def _open_error(source_file: str, error: Exception) -> ExtractError:
    message = str(error)
    lowered = message.lower()
    if "encrypt" in lowered or "password" in lowered:
        return ExtractError(source_file, "password-protected (encrypted) .xls file; remove the password and save it again")
    if "can't find workbook" in lowered:
        return ExtractError(
            source_file,
            "this old Office file holds no Excel workbook (an old Word .doc file?); give it its real extension, "
            "or open it in Word or WPS and save as .docx",
        )
    return ExtractError(
        source_file,
        f"corrupt or truncated .xls file ({type(error).__name__}: {message}); "
        "open it in Excel or WPS and save it again (as .xlsx)",
    )


def xls_tables(path: Path, source_file: str) -> list[Table]:
    """The indicator tables of every visible sheet of a BIFF .xls workbook."""
    path = Path(path)
    try:
        import xlrd
    except ImportError as error:
        raise ExtractError(source_file, f"the .xls reader is not available ({error}); pip install xlrd") from None
    log = io.StringIO()  # xlrd writes warnings about damaged files to stdout otherwise
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=log, verbosity=0)
    except NotImplementedError:
        # formatting_info is not implemented for some BIFF versions (Excel 95 and older): read without merges.
        try:
            book = xlrd.open_workbook(str(path), on_demand=True, logfile=log, verbosity=0)
        except Exception as error:
            raise _open_error(source_file, error) from None
    except Exception as error:  # xlrd raises XLRDError, CompDocError, IndexError, struct.error ... on damage
        raise _open_error(source_file, error) from None
    tables: list[Table] = []
    context = Context()
    described: list[str] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                continue
            rows = _sheet_rows(book, sheet)
            described.append(f"sheet {sheet.name} ({len(rows)} rows)")
            found, after = split_tables(rows, source_file, len(tables) + 1, context, merged_filled=True)
            tables.extend(found)
            # As in the xlsx reader: after a sheet with tables only the department carries over.
            context = Context(department=after.department, dept_rank=after.dept_rank) if found else after
            book.unload_sheet(index)
    except ExtractError:
        raise
    except Exception as error:
        raise _open_error(source_file, error) from None
    finally:
        book.release_resources()
    if not tables:
        from nlp.extract.office import _no_table_error

        raise _no_table_error(source_file, ", ".join(described) or "the workbook (no visible sheet)")
    return tables


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
# Named formats of the XML Spreadsheet 2003 format, as Excel shows them.
_NAMED_FORMATS = {
    "general": "General", "general number": "General", "fixed": "0.00", "standard": "#,##0.00",
    "percent": "0.00%", "scientific": "0.00E+00", "currency": "¥#,##0.00", "short date": "yyyy/m/d",
    "general date": "yyyy/m/d h:mm", "long date": "yyyy年m月d日", "0": "0",
}


def is_xml_spreadsheet(head: bytes) -> bool:
    """An Excel 2003 XML Spreadsheet ("XML 表格"), which budget systems export under .xls."""
    return b"<?xml" in head[:200] and b"urn:schemas-microsoft-com:office:spreadsheet" in head


def xml_spreadsheet_grids(data: bytes, source_file: str) -> list[tuple[str, list[Row]]]:
    """(sheet name, rows) of every visible worksheet of an XML Spreadsheet 2003 file,
    merged ranges (MergeAcross/MergeDown) filled, number formats applied."""
    import xml.etree.ElementTree as ElementTree

    from nlp.extract.office import _clean_text, format_number

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ExtractError(
            source_file, f"corrupt or truncated Excel XML spreadsheet ({error}); open it in Excel or WPS and save it as .xlsx"
        ) from None
    formats: dict[str, str] = {}
    for style in root.iter(f"{_SS}Style"):
        number = style.find(f"{_SS}NumberFormat")
        if number is not None and number.get(f"{_SS}Format"):
            code = number.get(f"{_SS}Format")
            formats[style.get(f"{_SS}ID", "")] = _NAMED_FORMATS.get(code.lower(), code)
    grids: list[tuple[str, list[Row]]] = []
    for sheet in root.iter(f"{_SS}Worksheet"):
        options = sheet.find(f"{{urn:schemas-microsoft-com:office:excel}}WorksheetOptions")
        visible = options.find("{urn:schemas-microsoft-com:office:excel}Visible") if options is not None else None
        if visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden"):
            continue
        name = sheet.get(f"{_SS}Name", f"Sheet{len(grids) + 1}")
        texts: dict[tuple[int, int], str] = {}
        table = sheet.find(f"{_SS}Table")
        r = 0
        for row in table.iter(f"{_SS}Row") if table is not None else ():
            r = int(row.get(f"{_SS}Index", r + 1))
            c = 0
            for cell in row.iter(f"{_SS}Cell"):
                c = int(cell.get(f"{_SS}Index", c + 1))
                while (r, c) in texts and not cell.get(f"{_SS}Index"):
                    c += 1  # covered by a MergeDown from a row above
                data_element = cell.find(f"{_SS}Data")
                raw = "".join(data_element.itertext()) if data_element is not None else ""
                kind = data_element.get(f"{_SS}Type", "String") if data_element is not None else "String"
                text = _clean_text(raw)
                if kind == "Number" and text:
                    try:
                        value = float(text)
                        number = int(value) if value.is_integer() and abs(value) < 1e15 else value
                        text = format_number(number, formats.get(cell.get(f"{_SS}StyleID", ""), "General"))
                    except ValueError:
                        pass
                across = int(cell.get(f"{_SS}MergeAcross", 0) or 0)
                down = int(cell.get(f"{_SS}MergeDown", 0) or 0)
                for dr in range(min(down, 500) + 1):
                    for dc in range(min(across, 200) + 1):
                        texts[(r + dr, c + dc)] = text
                c += across
        cells = {key: text for key, text in texts.items() if text}
        if not cells:
            grids.append((name, []))
            continue
        width = max(column for _, column in cells)
        grid: dict[int, list[str]] = {}
        for (row_number, column), text in cells.items():
            grid.setdefault(row_number, [""] * width)[column - 1] = text
        grids.append((name, [(f"{name}!R{n}", grid[n]) for n in sorted(grid)]))
    return grids


def _tables_of_grids(grids: list[tuple[str, list[Row]]], source_file: str) -> list[Table]:
    tables: list[Table] = []
    context = Context()
    for _, rows in grids:
        found, after = split_tables(rows, source_file, len(tables) + 1, context, merged_filled=True)
        tables.extend(found)
        context = Context(department=after.department, dept_rank=after.dept_rank) if found else after
    return tables


def read_xls(path: Path, source_file: str) -> ExtractResult:
    """Read an .xls file: a BIFF workbook here; an .xlsx workbook or an HTML table saved
    under the .xls name by the reader of what it really is."""
    path = Path(path)
    from nlp.extract import file_head

    head = file_head(path, source_file, 2048)
    if head.startswith(b"PK\x03\x04"):
        from nlp.extract.office import read_xlsx

        return read_xlsx(path, source_file)
    if is_xml_spreadsheet(head):
        from nlp.extract.office import _interpret

        grids = xml_spreadsheet_grids(path.read_bytes(), source_file)
        tables = _tables_of_grids(grids, source_file)
        if not tables:
            from nlp.extract.office import _no_table_error

            what = ", ".join(f"sheet {name} ({len(rows)} rows)" for name, rows in grids) or "the workbook (no visible sheet)"
            raise _no_table_error(source_file, what)
        return _interpret(tables, ExtractResult(source_file=source_file))
    if not head.startswith(_OLE_MAGIC):
        from nlp.extract.htmlpage import decode_html, looks_like_html, read_html_text

        sample = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")
        if sample.startswith("<") and looks_like_html(decode_html(path.read_bytes(), source_file)):
            return read_html_text(decode_html(path.read_bytes(), source_file), source_file, path)
        from nlp.extract.delimited import describe_magic

        looks = describe_magic(head)
        reason = f"it looks like {looks}" if looks else "it is not an Excel 97-2003 workbook"
        raise ExtractError(source_file, f"not a valid .xls file: {reason}; give it its real extension")
    from nlp.extract.office import _interpret

    return _interpret(xls_tables(path, source_file), ExtractResult(source_file=source_file))
