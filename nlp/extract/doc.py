"""Reader for legacy Word 97-2003 documents (.doc, and WPS .wps saved in the same binary format).

The Word Binary File format ([MS-DOC]) is read with olefile:

* the ``WordDocument`` stream starts with the FIB, which says which table stream
  (``0Table``/``1Table``) holds the piece table (CLX) and the paragraph properties;
* the piece table maps character positions to the bytes of the text: pieces are either
  "compressed" (one cp1252 byte per character) or UTF-16LE (Chinese text);
* paragraph properties (PAPX, in 512-byte FKP pages) say which paragraphs lie in a table,
  which end a row (the row mark) and, on the row mark, the cell boundaries and vertical
  merges of the row (sprmTDefTable).

Table cells end with \\x07 and every row with an extra \\x07 row mark; nested tables end
their cells and rows with paragraph marks flagged as inner cell / inner row marks. Each
table is laid out on a grid of all cell boundaries of the table (as Word's own .docx
layout grid), then cut and interpreted exactly like a .docx table: a horizontally merged
cell keeps its text in its first column, a vertically merged continuation cell repeats
the text above, paragraphs outside tables give title, department and project. Fields keep
their shown result, not their code.
"""
from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass, field
from pathlib import Path

from nlp.extract.layout import Row
from nlp.schema import ExtractError, ExtractResult, Table

__all__ = ["doc_tables", "read_doc"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
_FIRST_WORD97_NFIB = 0x00C0  # Word 6.0/95 files have nFib 101-105

# Paragraph sprms (MS-DOC 2.6.2) and table sprms (2.6.4).
_SPRM_P_IN_TABLE = 0x2416
_SPRM_P_TTP = 0x2417
_SPRM_P_ITAP = 0x6649
_SPRM_P_DTAP = 0x664A
_SPRM_P_INNER_CELL = 0x244B
_SPRM_P_INNER_TTP = 0x244C
_SPRM_P_CHG_TABS = 0xC615
_SPRM_P_HUGE_PAPX = 0x6646
_SPRM_T_DEF_TABLE = 0xD608
_SPRM_T_VERT_MERGE = 0xD62B
_SPRM_C_SYMBOL = 0x6A09

# Characters inserted with Insert > Symbol from the Symbol font, as the .docx reader maps them.
_SYMBOL_FONT = {0xF0B3: "≥", 0xF0A3: "≤", 0xF0B1: "±", 0xF0B4: "×", 0xF0B8: "÷", 0xF0B9: "≠", 0xF0BB: "≈", 0xF0D6: "√"}
_CELL_MARK, _PARAGRAPH_MARK, _PAGE_BREAK, _LINE_BREAK = 0x07, 0x0D, 0x0C, 0x0B
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = 0x13, 0x14, 0x15


def _open_error(source_file: str, suffix: str, detail: str) -> ExtractError:
    return ExtractError(
        source_file,
        f"corrupt or truncated Word 97-2003 {suffix} file ({detail}); open it in Word or WPS and save it again as .docx",
    )


# --- low-level structures ---------------------------------------------------------------------

def _sprm_operand_size(sprm: int, grpprl: bytes, offset: int) -> int:
    """Bytes taken by the operand of ``sprm`` whose operand starts at ``offset`` (size bytes included)."""
    spra = sprm >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    # Variable length: a size byte, except sprmTDefTable (two bytes, size + 1) and sprmPChgTabs.
    if sprm == _SPRM_T_DEF_TABLE:
        return 2 + struct.unpack_from("<H", grpprl, offset)[0] - 1
    if sprm == _SPRM_P_CHG_TABS and grpprl[offset] == 255:
        deleted = grpprl[offset + 1]
        added = grpprl[offset + 2 + deleted * 4]
        return 1 + 1 + deleted * 4 + 1 + added * 3
    return 1 + grpprl[offset]


def _iter_sprms(grpprl: bytes):
    """(sprm, operand offset, operand size) of each property in a grpprl."""
    offset = 0
    while offset + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, offset)[0]
        offset += 2
        if offset >= len(grpprl):
            return
        size = _sprm_operand_size(sprm, grpprl, offset)
        yield sprm, offset, size
        offset += size


@dataclass
class _Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset of the first character in the WordDocument stream
    compressed: bool


@dataclass
class _ParagraphProps:
    in_table: bool = False
    depth: int = 0
    row_end: bool = False
    inner_cell: bool = False
    inner_row_end: bool = False
    boundaries: list[int] = field(default_factory=list)  # rgdxaCenter: cell edges in twips
    vertical_merge: dict[int, int] = field(default_factory=dict)  # cell -> VerticalMergeFlag


def _paragraph_props(grpprl: bytes) -> _ParagraphProps:
    props = _ParagraphProps()
    for sprm, at, size in _iter_sprms(grpprl):
        if at + size > len(grpprl):
            break
        if sprm == _SPRM_P_IN_TABLE:
            props.in_table = bool(grpprl[at])
        elif sprm == _SPRM_P_TTP:
            props.row_end = bool(grpprl[at])
        elif sprm == _SPRM_P_ITAP:
            props.depth = struct.unpack_from("<i", grpprl, at)[0]
        elif sprm == _SPRM_P_DTAP:
            props.depth += struct.unpack_from("<i", grpprl, at)[0]
        elif sprm == _SPRM_P_INNER_CELL:
            props.inner_cell = bool(grpprl[at])
        elif sprm == _SPRM_P_INNER_TTP:
            props.inner_row_end = bool(grpprl[at])
        elif sprm == _SPRM_T_DEF_TABLE:
            _read_def_table(grpprl, at + 2, at + size, props)
        elif sprm == _SPRM_T_VERT_MERGE and size >= 3:
            props.vertical_merge[grpprl[at + 1]] = grpprl[at + 2]
    if props.in_table and props.depth == 0:
        props.depth = 1
    return props


def _read_def_table(grpprl: bytes, start: int, end: int, props: _ParagraphProps) -> None:
    """TDefTableOperand: itcMac, rgdxaCenter (itcMac + 1 edges), then up to itcMac TC80 (20 bytes)."""
    count = grpprl[start]
    edges_end = start + 1 + 2 * (count + 1)
    if edges_end > end:
        return
    props.boundaries = list(struct.unpack_from(f"<{count + 1}h", grpprl, start + 1))
    props.vertical_merge = {}
    for cell in range(count):
        at = edges_end + 20 * cell
        if at + 2 > end:
            break
        flags = struct.unpack_from("<H", grpprl, at)[0]
        props.vertical_merge[cell] = (flags >> 5) & 0x3


class _WordBinary:
    """The main text of a Word 97-2003 document with the properties of each paragraph."""

    def __init__(self, word: bytes, table: bytes, data: bytes, source_file: str, suffix: str):
        self.word, self.table, self.data, self.source_file, self.suffix = word, table, data, source_file, suffix
        self.pieces = self._pieces()
        self.papx = self._fkp_runs(13, self._papx_grpprl)  # fcPlcfBtePapx
        self.chpx = self._fkp_runs(12, self._chpx_grpprl)  # fcPlcfBteChpx
        self._papx_starts = [start for start, _, _ in self.papx]
        self._chpx_starts = [start for start, _, _ in self.chpx]
        self._paragraph_cache: dict[int, _ParagraphProps] = {}

    # FIB ----------------------------------------------------------------------------------
    def _fc_lcb(self, index: int) -> tuple[int, int]:
        word = self.word
        csw = struct.unpack_from("<H", word, 32)[0]
        at = 34 + 2 * csw
        cslw = struct.unpack_from("<H", word, at)[0]
        at += 2 + 4 * cslw
        count = struct.unpack_from("<H", word, at)[0]
        if index >= count:
            raise _Malformed(f"the FIB has no entry {index}")
        return struct.unpack_from("<II", word, at + 2 + 8 * index)

    def main_text_length(self) -> int:
        csw = struct.unpack_from("<H", self.word, 32)[0]
        return struct.unpack_from("<i", self.word, 34 + 2 * csw + 2 + 12)[0]  # FibRgLw97.ccpText

    # piece table ---------------------------------------------------------------------------
    def _pieces(self) -> list[_Piece]:
        fc_clx, lcb_clx = self._fc_lcb(33)
        clx = self.table[fc_clx:fc_clx + lcb_clx]
        if lcb_clx == 0 or len(clx) < lcb_clx:
            raise _Malformed("the piece table lies outside the table stream")
        at = 0
        while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers of fast-saved pieces
            at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
        if at >= len(clx) or clx[at] != 0x02:
            raise _Malformed("no piece table in the CLX")
        size = struct.unpack_from("<I", clx, at + 1)[0]
        plc = clx[at + 5:at + 5 + size]
        count = (size - 4) // 12
        if count <= 0 or len(plc) < size:
            raise _Malformed("empty or cut piece table")
        cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
        pieces = []
        for index in range(count):
            fc_compressed = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
            compressed = bool(fc_compressed & 0x40000000)
            fc = fc_compressed & 0x3FFFFFFF
            pieces.append(_Piece(cps[index], cps[index + 1], fc // 2 if compressed else fc, compressed))
        return pieces

    def characters(self, cp_end: int):
        """(character code, fc, byte width) of each character the characters before ``cp_end``."""
        for piece in self.pieces:
            if piece.cp_start >= cp_end:
                break
            count = min(piece.cp_end, cp_end) - piece.cp_start
            if piece.compressed:
                data = self.word[piece.fc:piece.fc + count]
                if len(data) < count:
                    raise _Malformed("text runs past the end of the WordDocument stream")
                text = data.decode("cp1252", errors="replace")
                for index, char in enumerate(text):
                    yield ord(char), piece.fc + index, 1
            else:
                data = self.word[piece.fc:piece.fc + 2 * count]
                if len(data) < 2 * count:
                    raise _Malformed("text runs past the end of the WordDocument stream")
                for index, code in enumerate(struct.unpack(f"<{count}H", data)):
                    yield code, piece.fc + 2 * index, 2

    # formatted disk pages --------------------------------------------------------------------
    def _fkp_runs(self, index: int, grpprl_of) -> list[tuple[int, int, bytes]]:
        """(fc start, fc end, grpprl) of every run in the FKPs listed by PlcBtePapx/PlcBteChpx."""
        fc, lcb = self._fc_lcb(index)
        plc = self.table[fc:fc + lcb]
        if len(plc) < lcb or lcb < 8:
            raise _Malformed("the paragraph/character property index lies outside the table stream")
        count = (lcb - 4) // 8
        pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
        runs: list[tuple[int, int, bytes]] = []
        for page in pages:
            fkp = self.word[(page & 0x3FFFFF) * 512:(page & 0x3FFFFF) * 512 + 512]
            if len(fkp) < 512:
                raise _Malformed("a property page lies outside the WordDocument stream")
            crun = fkp[511]
            fcs = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
            for run in range(crun):
                runs.append((fcs[run], fcs[run + 1], grpprl_of(fkp, crun, run)))
        runs.sort(key=lambda r: r[0])
        return runs

    @staticmethod
    def _papx_grpprl(fkp: bytes, crun: int, run: int) -> bytes:
        offset = 2 * fkp[4 * (crun + 1) + 13 * run]  # BxPap.bOffset
        if offset == 0:
            return b""
        size = fkp[offset]
        if size:
            data = fkp[offset + 1:offset + 2 * size]  # istd + grpprl: 2 * cb - 1 bytes
        else:
            data = fkp[offset + 2:offset + 2 + 2 * fkp[offset + 1]]
        return data[2:]  # drop istd

    @staticmethod
    def _chpx_grpprl(fkp: bytes, crun: int, run: int) -> bytes:
        offset = 2 * fkp[4 * (crun + 1) + run]
        return fkp[offset + 1:offset + 1 + fkp[offset]] if offset else b""

    def paragraph(self, fc: int) -> _ParagraphProps:
        """Properties of the paragraph whose mark is at ``fc``."""
        index = bisect.bisect_right(self._papx_starts, fc) - 1
        if index < 0 or fc >= self.papx[index][1]:
            return _ParagraphProps()
        if index not in self._paragraph_cache:
            self._paragraph_cache[index] = _paragraph_props(self._huge_papx(self.papx[index][2]))
        return self._paragraph_cache[index]

    def _huge_papx(self, grpprl: bytes) -> bytes:
        """Properties too large for a page (wide table rows) are in the Data stream, pointed to
        by sprmPHugePapx: a PrcData (2-byte size, grpprl)."""
        for sprm, at, size in _iter_sprms(grpprl):
            if sprm == _SPRM_P_HUGE_PAPX and at + 4 <= len(grpprl):
                offset = struct.unpack_from("<I", grpprl, at)[0]
                if offset + 2 > len(self.data):
                    raise _Malformed("paragraph properties point outside the Data stream")
                length = struct.unpack_from("<H", self.data, offset)[0]
                return grpprl[:at - 2] + grpprl[at + size:] + self.data[offset + 2:offset + 2 + length]
        return grpprl

    def symbol(self, fc: int) -> int | None:
        """The character a Symbol-font run shows (sprmCSymbol), for special characters."""
        index = bisect.bisect_right(self._chpx_starts, fc) - 1
        if index < 0 or fc >= self.chpx[index][1]:
            return None
        grpprl = self.chpx[index][2]
        for sprm, at, size in _iter_sprms(grpprl):
            if sprm == _SPRM_C_SYMBOL and size == 4 and at + 4 <= len(grpprl):
                return struct.unpack_from("<H", grpprl, at + 2)[0]
        return None


class _Malformed(Exception):
    """A structure of the file points outside its streams."""


# --- text to paragraphs and tables --------------------------------------------------------------

@dataclass
class _Paragraph:
    text: str
    mark: int  # the character that ended it: \r, \x07 or \x0c
    props: _ParagraphProps


def _paragraphs(document: _WordBinary) -> list[_Paragraph]:
    """The paragraphs of the main text with their properties; fields show their result."""
    paragraphs: list[_Paragraph] = []
    parts: list[str] = []
    fields: list[bool] = []  # per open field: still in its code (before the separator)
    paragraph_ends = {end for _, end, _ in document.papx}
    for code, fc, width in document.characters(document.main_text_length()):
        if code == _FIELD_BEGIN:
            fields.append(True)
            continue
        if code == _FIELD_SEPARATOR:
            if fields:
                fields[-1] = False
            continue
        if code == _FIELD_END:
            if fields:
                fields.pop()
            continue
        ends_paragraph = code in (_PARAGRAPH_MARK, _CELL_MARK) or (
            code == _PAGE_BREAK and fc + width in paragraph_ends
        )
        if ends_paragraph:
            paragraphs.append(_Paragraph("".join(parts), code, document.paragraph(fc)))
            parts = []
            continue
        if any(fields):
            continue  # field code ({ PAGE }, { HYPERLINK "..." }): not shown
        if code in (_LINE_BREAK, _PAGE_BREAK):
            parts.append("\n")
        elif code == 0x09:
            parts.append("\t")
        elif code == 0x28 and (symbol := document.symbol(fc)) is not None:
            parts.append(_SYMBOL_FONT.get(symbol | 0xF000, ""))
        elif code in _SYMBOL_FONT:
            parts.append(_SYMBOL_FONT[code])
        elif code == 0x1E:
            parts.append("-")  # non-breaking hyphen
        elif code < 0x20 or 0xF000 <= code <= 0xF0FF:
            continue  # objects, pictures, note references, optional hyphens; unmapped Symbol-font glyphs
        else:
            parts.append(chr(code))
    if parts:
        paragraphs.append(_Paragraph("".join(parts), _PARAGRAPH_MARK, _ParagraphProps()))
    return paragraphs


@dataclass
class _RawTable:
    rows: list[tuple[list[str], _ParagraphProps]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    nested: list["_RawTable"] = field(default_factory=list)


def _blocks(paragraphs: list[_Paragraph]) -> list[tuple[str, object]]:
    """("text", paragraph text) and ("table", _RawTable) in reading order; a nested table
    follows its outer table (as in the .docx reader)."""
    from nlp.extract.office import _clean_text

    blocks: list[tuple[str, object]] = []
    open_tables: list[_RawTable] = []  # by depth - 1

    def close_to(depth: int) -> None:
        while len(open_tables) > depth:
            done = open_tables.pop()
            if done.cells or done.lines:  # a row never closed by its row mark: keep its cells
                done.rows.append((done.cells + (["\n".join(done.lines)] if done.lines else []), _ParagraphProps()))
            if open_tables:
                open_tables[-1].nested.append(done)
            else:
                blocks.append(("table", done))

    for paragraph in paragraphs:
        props = paragraph.props
        depth = max(props.depth, 0)
        if depth == 0:
            close_to(0)
            text = _clean_text(paragraph.text)
            if text:
                blocks.append(("text", text))
            continue
        close_to(depth)
        while len(open_tables) < depth:
            open_tables.append(_RawTable())
        table = open_tables[depth - 1]
        if depth == 1:
            cell_end = paragraph.mark == _CELL_MARK and not props.row_end
            row_end = paragraph.mark == _CELL_MARK and props.row_end
        else:
            cell_end, row_end = props.inner_cell, props.inner_row_end
        if row_end:
            table.rows.append((table.cells, props))
            table.cells, table.lines = [], []
            continue
        table.lines.append(paragraph.text)
        if cell_end:
            table.cells.append(_clean_text("\n".join(table.lines)))
            table.lines = []
    close_to(0)
    return blocks


def _grid_rows(table: _RawTable, table_number: int) -> list[Row]:
    """Rows of a table on the grid of all its cell edges: a wide cell keeps its text in its
    first column; a vertically merged continuation cell repeats the text above."""
    edges = sorted({edge for _, props in table.rows for edge in props.boundaries})
    column_of = {edge: index for index, edge in enumerate(edges)}
    laid_out: list[list[tuple[int, int, str, bool]]] = []  # (first column, span, text, continuation)
    for cells, props in table.rows:
        placed: list[tuple[int, int, str, bool]] = []
        bounds = props.boundaries
        next_column = 0
        for index, text in enumerate(cells):
            if index + 1 < len(bounds):
                first, last = column_of[bounds[index]], column_of[bounds[index + 1]]
                if last <= first:  # zero or negative width (damaged): one column
                    last = first + 1
            else:  # more cells than the row defines: one column each after the last
                first, last = next_column, next_column + 1
            placed.append((first, last - first, text, props.vertical_merge.get(index, 0) == 1))
            next_column = max(next_column, last)
        laid_out.append(placed)
    width = max((first + span for placed in laid_out for first, span, _, _ in placed), default=0)
    rows: list[Row] = []
    above = [""] * width
    for number, placed in enumerate(laid_out, start=1):
        texts = [""] * width
        for first, span, text, continuation in placed:
            for column in range(first, first + span):
                texts[column] = above[column] if continuation else (text if column == first else "")
        above = texts
        if any(texts):
            rows.append((f"table{table_number}!R{number}", texts))
    return rows


# --- entry points -------------------------------------------------------------------------------

def _damaged(path: Path) -> str:
    # olefile's own wording changes between versions: say what is known for sure.
    return f"the Office 97-2003 container is damaged or cut short ({path.stat().st_size} bytes)"


def _load(path: Path, source_file: str) -> _WordBinary:
    suffix = path.suffix.lower() or ".doc"
    from nlp.extract import file_head

    head = file_head(path, source_file, 4096)
    if not head.startswith(_OLE_MAGIC):
        from nlp.extract.delimited import describe_magic

        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
            reason = f"it is an RTF document saved under a {suffix} name"
        elif head.startswith(b"\xd0\xcf\x11\xe0"):
            reason = "the Office 97-2003 file header is damaged"
        else:
            looks = describe_magic(head).split(";")[0]
            reason = f"it looks like {looks}" if looks else "there is no Office 97-2003 file header"
            if not looks and suffix == ".wps":
                reason += " (an older WPS format?)"
        raise ExtractError(
            source_file, f"not a Word 97-2003 document: {reason}; open it in Word or WPS and save it as .docx"
        )
    try:
        import olefile
    except ImportError as error:
        raise ExtractError(source_file, f"the {suffix} reader is not available ({error}); pip install olefile") from None
    try:
        ole = olefile.OleFileIO(str(path))
    except Exception:  # olefile raises OSError, ValueError... for a damaged container
        raise _open_error(source_file, suffix, _damaged(path)) from None
    try:
        with ole:
            streams = ["/".join(entry) for entry in ole.listdir()]
            if not ole.exists("WordDocument"):
                if "EncryptedPackage" in streams:  # Office 2007+ encryption wraps the package in OLE
                    raise ExtractError(
                        source_file,
                        f"password-protected (encrypted) {suffix} file: open it in Word or WPS, "
                        "remove the password and save it as .docx",
                    )
                holds = next((s for s in streams if s in ("Workbook", "Book", "PowerPoint Document")), "")
                kind = {"Workbook": "an Excel .xls workbook", "Book": "an Excel .xls workbook",
                        "PowerPoint Document": "a PowerPoint .ppt presentation"}.get(holds, "")
                reason = f"the Office 97-2003 file holds {kind}" if kind else "the Office 97-2003 file has no WordDocument stream"
                raise ExtractError(source_file, f"not a Word 97-2003 document: {reason}; give it its real extension")
            word = ole.openstream("WordDocument").read()
            if len(word) < 0x1A2 + 8 or struct.unpack_from("<H", word, 0)[0] != _WORD_IDENT:
                raise _Malformed("the WordDocument stream does not start with a Word file header")
            n_fib, flags = struct.unpack_from("<H", word, 2)[0], struct.unpack_from("<H", word, 10)[0]
            if n_fib < _FIRST_WORD97_NFIB:
                raise ExtractError(
                    source_file,
                    f"Word 6.0/95 document (file format version {n_fib}) is not supported; "
                    "open it in Word or WPS and save it as .docx",
                )
            if flags & 0x0100 or flags & 0x8000:  # fEncrypted, fObfuscated
                raise ExtractError(
                    source_file,
                    f"password-protected (encrypted) {suffix} file: open it in Word or WPS, "
                    "remove the password and save it as .docx",
                )
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise _Malformed(f"the {table_name} stream is missing")
            table = ole.openstream(table_name).read()
            data = ole.openstream("Data").read() if ole.exists("Data") else b""
        return _WordBinary(word, table, data, source_file, suffix)
    except ExtractError:
        raise
    except _Malformed as error:
        raise _open_error(source_file, suffix, str(error)) from None
    except (struct.error, IndexError) as error:
        raise _open_error(source_file, suffix, f"a structure is cut short: {error}") from None
    except Exception:  # olefile raises OSError and others for damaged streams
        raise _open_error(source_file, suffix, _damaged(path)) from None


def doc_tables(path: Path, source_file: str) -> list[Table]:
    """The indicator tables of a Word 97-2003 document, in reading order."""
    from nlp.extract.office import tables_from_blocks

    path = Path(path)
    document = _load(path, source_file)
    try:
        blocks = _blocks(_paragraphs(document))
    except _Malformed as error:
        raise _open_error(source_file, document.suffix, str(error)) from None
    except (struct.error, IndexError, KeyError) as error:
        raise _open_error(source_file, document.suffix, f"a structure is cut short: {error}") from None
    table_number = 0

    def grids(raw: _RawTable):
        nonlocal table_number
        table_number += 1
        yield _grid_rows(raw, table_number)
        for nested in raw.nested:
            yield from grids(nested)

    # A nested table follows its outer one, numbered as the .docx reader numbers them.
    flat: list[tuple[str, object]] = []
    for kind, content in blocks:
        if kind == "text":
            flat.append((kind, content))
        else:
            flat.extend(("table", rows) for rows in grids(content))
    return tables_from_blocks(flat, source_file, table_number)


def read_doc(path: Path, source_file: str) -> ExtractResult:
    """Read every table of a Word 97-2003 .doc (or a .wps in that format); paragraphs before
    a table give its title, department and project, as for .docx."""
    from nlp.extract.office import _interpret

    return _interpret(doc_tables(path, source_file), ExtractResult(source_file=source_file))
