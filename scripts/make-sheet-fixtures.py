#!/usr/bin/env python3
"""Writes the workbook fixtures of Tests/Fixtures/sheets (committed, so tests need no Python).

    pip install openpyxl        # the only dependency
    python3 scripts/make-sheet-fixtures.py [path/to/verdict]

good/     workbooks and CSV folders that import (values as clerks type them, unit rows, a
          float area at a 2/3 boundary, Excel-style XML written by hand, GBK CSV)
broken/   workbooks and CSV folders that must not import; NAME.expect beside each holds the
          located problems (re-record with VERDICT_RECORD=1 swift test --filter ImportCorpus)
resaved/  workbooks exported by `verdict export` and saved again by openpyxl (needs the built
          verdict binary: the first argument, or .build/debug/verdict)
resaved-libreoffice/  the same, saved again by LibreOffice headless (Debian's
          libreoffice-calc-nogui); skipped when soffice is not installed
"""
import math
import os
import shutil
import subprocess
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "sheets")


def fresh(*parts):
    path = os.path.join(OUT, *parts)
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def sheet(wb, title, rows, first=False):
    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    for r in rows:
        ws.append(list(r))
    return ws


def form(kind="小区", id="JC-T-0001", as_of="2025-06-30", extra=()):
    rows = [("项目", "内容"), ("卷宗类型", kind), ("卷宗编号", id), ("判定日期", as_of)]
    if kind in ("小区", "community", "老旧小区改造"):
        rows += [("小区名称", "凤鸣小区"), ("所在区县", "城区"), ("所在街道", "西街街道")]
    return rows + list(extra)


COMMUNITY_EXTRA = [("管理方式", "物业服务企业"), ("物业服务企业", "晋城某甲物业服务有限公司"), ("企业编号", "F-0001"),
                   ("合同开始日期", "2024-01-01"), ("合同结束日期", "2026-12-31"), ("合同服务等级", 2)]


def save(wb, *parts):
    wb.save(fresh(*parts))


# ---------------------------------------------------------------- good workbooks

def register_per_unit():
    """One row per unit: o001 holds two units, o002 three; the areas are summed."""
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA), first=True)
    sheet(wb, "业主名册", [
        ("业主编号", "姓名", "面积（m²）", "房号"),
        ("o001", "王某", 60.20, "1-1-101"),
        ("o001", "王某", 26.20, "1-1-102"),
        ("o002", "张某", "40.05", "1-2-201"),
        ("o002", None, 40.05, "1-2-202"),
        ("o002", "张某", "40.10", "1-2-203"),
        ("o003", "李某", 110.00, "2-1-101"),
        ("o004", "王某", 95.5, "2-1-102"),
    ])
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "使用维修资金", "2025-06-07")])
    sheet(wb, "表决票", [("事项编号", "业主编号", "表决意见"), ("d1", "o001", "同意"), ("d1", "o002", "同意"), ("d1", "o003", "反对")])
    save(wb, "good", "register-per-unit.xlsx")


QUORUM_OWNERS = [("o001", "张某某", 89.52), ("o002", "刘某", 86.40), ("o003", "陈某某", 112.30), ("o004", "杨某某", 76.85),
                 ("o005", "赵某", 120.15), ("o006", "黄某某", 143.60), ("o007", "周某某", 95.18), ("o008", "吴某", 98.76),
                 ("o009", "徐某某", 128.44), ("o010", "孙某某", 66.90), ("o011", "胡某", 135.20), ("o012", "朱某某", 104.27),
                 ("o013", "高某某", 117.03), ("o014", "林某", 72.46), ("o015", "何某某", 91.85)]
QUORUM_BALLOTS = [("o001", "yes"), ("o003", "yes"), ("o004", "no"), ("o006", "yes"), ("o007", "yes"), ("o009", "yes"),
                  ("o010", "no"), ("o012", "yes"), ("o013", "yes"), ("o015", "abstain")]
QUORUM_CONTRACT = [("管理方式", "物业服务企业"), ("物业服务企业", "晋城某甲物业服务有限公司"), ("企业编号", "F-0301"),
                   ("合同开始日期", "2024-01-01"), ("合同结束日期", "2026-12-31"), ("合同服务等级", 2), ("合同约定退出期限（天）", 30)]


def two_thirds_float(name, number_format):
    """examples/community/quorum-exactly-two-thirds.xml with o001's 89.52 stored as the float
    just below it (89.51999999999998): read literally, the participating area would fall
    under 2/3 and the quorum would fail."""
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(id="JC-CQ-0301", extra=QUORUM_CONTRACT), first=True)
    ws = sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）")])
    for oid, nm, area in QUORUM_OWNERS:
        value = math.nextafter(89.52, 0) if oid == "o001" else area
        ws.append([oid, nm, value])
        if number_format:
            ws.cell(row=ws.max_row, column=3).number_format = number_format
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "制定修改管理规约", "2025-05-17")])
    sheet(wb, "表决票", [("事项编号", "业主编号", "表决意见")] + [("d1", o, v) for o, v in QUORUM_BALLOTS])
    save(wb, "good", name)


def people_typed():
    """Values as clerks type them: date cells, 2025/3/20, 2025年3月20日, yes/abstain, true/否,
    full-width digits, areas as text, owner numbers as numbers, the English header row."""
    import datetime
    wb = openpyxl.Workbook()
    ws = sheet(wb, "卷宗信息", form(as_of=datetime.date(2025, 7, 15), extra=COMMUNITY_EXTRA + [("委员会类型", "业委会"), ("委员会选举日期", "2023年5月1日")]), first=True)
    ws["B4"].number_format = "yyyy/m/d"
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("id", "name", "area"),
                          (1001, "王某", "８６．４０"), (1002, "张某", "120.15㎡"), (1003, "李某", 75)])
    sheet(wb, "业主委员会", [("姓名", "职务", "党员", "网格员", "社区干部", "业主编号"),
                            ("王某", "主任", "是", "false", "TRUE", 1001), ("张某", "委员", "true", "否", "no", 1002)])
    sheet(wb, "联动制度", [("制度", "建立日期"), ("联席会议", "2024/1/10"), ("coordination", datetime.date(2024, 2, 1))])
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "dismiss-firm", "2025年6月20日")])
    sheet(wb, "表决票", [("事项编号", "业主编号", "表决意见"), ("d1", 1001, "yes"), ("d1", 1002, "弃权"), ("d1", 1003, "赞成")])
    sheet(wb, "投诉", [("年度", "投诉件数", "业主反映强烈"), (2025, "37件", "是")])
    save(wb, "good", "people-typed.xlsx")


def date1904():
    import datetime
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = sheet(wb, "卷宗信息", form(as_of=datetime.date(2025, 6, 30), extra=COMMUNITY_EXTRA), first=True)
    ws["B4"].number_format = "yyyy-mm-dd"
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("o001", "王某", 86.4)])
    save(wb, "good", "date1904.xlsx")


def excel_style():
    """XML parts as Excel and WPS write them, by hand: rich-text shared strings with phonetic
    runs, an inline string, cells without `r`, absolute relationship targets, a custom
    number format `0.00_ `, a formula with its cached result, `_x000D_` escapes."""
    path = fresh("good", "excel-style.xlsx")
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    strings = ["项目", "内容", "卷宗类型", "小区", "卷宗编号", "JC-X-01", "小区名称", "业主编号", "姓名", "面积（m²）",
               "o001", "o002", "判定日期", "管理方式", "物业服务企业"]
    si = "".join(f"<si><t>{s}</t></si>" for s in strings)
    si += '<si><r><rPr><b/></rPr><t>凤鸣</t></r><r><t>小区</t></r><rPh sb="0" eb="2"><t>フォウメイ</t></rPh></si>'  # 15
    si += "<si><t>王某_x000D_</t></si>"  # 16: a carriage return Excel escaped
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {main}><workbookPr/><sheets><sheet name="卷宗信息" sheetId="1" r:id="rId1"/><sheet name="业主名册" sheetId="2" r:id="rId2"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="17" uniqueCount="17">{si}</sst>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="0.00_ "/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {main}><sheetData>'
            '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
            '<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>'
            '<row><c t="s"><v>4</v></c><c t="s"><v>5</v></c></row>'
            '<row r="4"><c r="A4" t="s"><v>12</v></c><c r="B4" s="2"><v>45838</v></c></row>'
            '<row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5" t="s"><v>15</v></c></row>'
            '<row r="6"><c r="A6" t="s"><v>13</v></c><c r="B6" t="inlineStr"><is><t>物业服务企业</t></is></c></row>'
            '</sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {main}><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1" t="s"><v>8</v></c><c r="C1" t="s"><v>9</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>10</v></c><c r="B2" t="s"><v>16</v></c><c r="C2" s="1"><f>60.2+26.2</f><v>86.399999999999991</v></c></row>'
            '<row r="3"><c r="A3" t="str"><f>"o0"&amp;"02"</f><v>o002</v></c><c r="B3" t="inlineStr"><is><r><t>张</t></r><r><t>某</t></r></is></c><c r="C3" s="1"><v>120.15</v></c></row>'
            '</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))


def csv_folder(name, encoding, bom_files=()):
    folder = fresh("good", name)
    os.makedirs(folder)
    tables = {
        "卷宗信息": [("项目", "内容"), ("卷宗类型", "小区"), ("卷宗编号", "JC-CSV-01"), ("判定日期", "2025/6/30"),
                  ("小区名称", "兰花苑"), ("管理方式", "物业服务企业")],
        "业主名册": [("业主编号", "姓名", "面积（m²）", "房号"), ("o001", "孙某某", "62.35", "1-101"), ("o002", "胡某", "138.48", "1-102"),
                  ("o003", "朱某某", "70.10", "1-103"), ("o003", "朱某某", "0.05", "车库 7")],
        "表决事项": [("事项编号", "表决事项", "表决日期"), ("d1", "其他重大事项", "2025-06-07")],
        "表决票": [("事项编号", "业主编号", "姓名", "表决意见"), ("d1", "o001", "孙某某", "同意"), ("d1", "o002", "胡某", "反对"), ("d1", "o003", "朱某某", "同意")],
    }
    for table, rows in tables.items():
        if encoding == "gbk":  # GBK has no ², as real GBK files show
            rows = [tuple(c.replace("m²", "平方米") for c in r) for r in rows]
        text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n"
        data = text.encode(encoding)
        if table in bom_files:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(folder, table + ".csv"), "wb") as f:
            f.write(data)


# ---------------------------------------------------------------- broken workbooks

def broken_wrong_types():
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA + [("合同约定退出期限（天）", "三十天")]), first=True)
    rows = [("业主编号", "姓名", "面积（m²）")] + [(f"o{i:03}", f"业主{i}", 80 + i) for i in range(1, 13)]
    rows.insert(13, ("o099", "宋某", "89,5"))  # row 14
    sheet(wb, "业主名册", rows)
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "解聘物业", "2025-02-30"), ("d2", "开除物业", "2025/13/1")])
    sheet(wb, "表决票", [("事项编号", "业主编号", "表决意见"), ("d1", "o001", "赞同"), ("d1", "o002", "同意"), ("d3", "o003", "同意")])
    sheet(wb, "投诉", [("年度", "投诉件数", "业主反映强烈"), (2025, 12.5, "也许")])
    save(wb, "broken", "wrong-types.xlsx")


def broken_merged():
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA), first=True)
    ws = sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）", "房号"), ("o001", "王某", 60.2, "101"), (None, None, 26.2, "102"),
                                ("o002", "张某", 120.15, "201")])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    save(wb, "broken", "merged-cells.xlsx")


def broken_empty_rows():
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA), first=True)
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("o001", "王某", 86.4), (None, None, None), ("   ", "", None),
                          ("o002", "张某", None), (None, "李某", 75.2), ("o004", "赵某", 99.99)])
    save(wb, "broken", "empty-rows.xlsx")


def broken_hidden_sheet():
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA), first=True)
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("o001", "王某", 86.4)])
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "解聘物业", "2025-06-20")])
    ws = sheet(wb, "表决票", [("事项编号", "业主编号", "表决意见"), ("d1", "o001", "同意")])
    ws.sheet_state = "hidden"
    save(wb, "broken", "hidden-sheet.xlsx")


def broken_formulas():
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA), first=True)
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("o001", "王某", "=60.2+26.2"), ("o002", "张某", "#DIV/0!"), ("o003", "李某", 75)])
    save(wb, "broken", "formulas.xlsx")


def broken_register():
    """Same number with two names (error), same name with two numbers (warning), a missing
    area column in one sheet, a duplicate id, a ballot for an unknown decision."""
    wb = openpyxl.Workbook()
    sheet(wb, "卷宗信息", form(extra=COMMUNITY_EXTRA + [("企业名称", "某物业")]), first=True)
    sheet(wb, "业主名册", [("业主编号", "姓名", "面积（m²）"), ("o001", "王某", 60), ("o001", "汪某", 26.4), ("o002", "李某", 70),
                          ("o003", "李某", 80), ("o004", "赵某", 0), ("d1", "钱某", 50)])
    sheet(wb, "表决事项", [("事项编号", "表决事项", "表决日期"), ("d1", "解聘物业", "2025-06-20")])
    sheet(wb, "表决票", [("事项", "业主"), ("d1", "o001")])
    sheet(wb, "服务项目", [("项目编号", "小区名称", "收费等级"), ("p1", "凤鸣小区", 2)])
    sheet(wb, "Sheet3", [("备注",), ("这张表不导入",)])
    save(wb, "broken", "register-conflicts.xlsx")


def broken_csv_gbk():
    folder = fresh("broken", "csv-gbk")
    os.makedirs(folder)
    tables = {
        "卷宗信息": "项目,内容\r\n卷宗类型,小区\r\n卷宗编号,JC-GBK-01\r\n小区名称,书香苑\r\n",
        "业主名册": "业主编号,姓名,专有部分面积\r\no001,赵某,\"1,234.5\"\r\no002,钱某,88.80\r\n",
        "表决事项": "事项编号,表决事项,表决日期\r\nd1,筹集维修资金,3/20/2025\r\n",
    }
    for table, text in tables.items():
        with open(os.path.join(folder, table + ".csv"), "wb") as f:
            f.write(text.encode("gbk"))


def broken_csv_encoding():
    folder = fresh("broken", "csv-unknown-encoding")
    os.makedirs(folder)
    with open(os.path.join(folder, "卷宗信息.csv"), "wb") as f:
        f.write("项目,内容\r\n卷宗类型,小区\r\n".encode("utf-8"))
    with open(os.path.join(folder, "业主名册.csv"), "wb") as f:
        f.write(b"\xff\xfe\x00\x00 not text \x80\xff\r\n")


def broken_not_a_workbook():
    with open(fresh("broken", "not-a-workbook.xlsx"), "w", encoding="utf-8") as f:
        f.write("业主编号,姓名,面积\no001,王某,86.40\n")


# ---------------------------------------------------------------- re-saved exports

RESAVED = ["examples/community/quorum-exactly-two-thirds.xml", "examples/community/dismissal-lawful-60-days.xml",
           "examples/firm/credit-exact-decimal-sum.xml", "examples/firm/service-missing-measure.xml",
           "examples/renovation/cost-share-executors.xml"]


def resaved(verdict):
    if not os.path.exists(verdict):
        print(f"skipping resaved/: no verdict binary at {verdict} (swift build first)")
        return
    for rel in RESAVED:
        name = os.path.basename(rel)[:-4]
        path = fresh("resaved", name + ".xlsx")
        subprocess.run([verdict, "export", os.path.join(ROOT, rel), "-o", path], check=True, stdout=subprocess.DEVNULL)
        wb = openpyxl.load_workbook(path)
        wb.save(path)


def resaved_libreoffice(verdict):
    soffice = shutil.which("soffice")
    if not soffice or not os.path.exists(verdict):
        print("skipping resaved-libreoffice/: needs soffice (apt-get install libreoffice-calc-nogui) and the verdict binary")
        return
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for rel in RESAVED:
            name = os.path.basename(rel)[:-4]
            inputs.append(os.path.join(tmp, name + ".xlsx"))
            subprocess.run([verdict, "export", os.path.join(ROOT, rel), "-o", inputs[-1]], check=True, stdout=subprocess.DEVNULL)
        out = fresh("resaved-libreoffice", "x")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", os.path.dirname(out)] + inputs, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    verdict = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "verdict")
    register_per_unit()
    two_thirds_float("two-thirds-float.xlsx", "0.00")
    two_thirds_float("two-thirds-float-general.xlsx", None)
    people_typed()
    date1904()
    excel_style()
    csv_folder("csv-utf8", "utf-8", bom_files=("卷宗信息", "表决票"))
    csv_folder("csv-gbk", "gbk")
    broken_wrong_types()
    broken_merged()
    broken_empty_rows()
    broken_hidden_sheet()
    broken_formulas()
    broken_register()
    broken_csv_gbk()
    broken_csv_encoding()
    broken_not_a_workbook()
    resaved(verdict)
    resaved_libreoffice(verdict)
    print("fixtures written under", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
