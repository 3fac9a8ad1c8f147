import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportLabels, ExportableTask } from './exportTable';
import { buildExportTable, exportFileName, isoToDayMonthYear, neutraliseFormula, toCsv } from './exportTable';
import { buildXlsx, columnName, excelSerial, safeSheetName } from './xlsx';

const labels: ExportLabels = {
  header: {
    code: 'Mã',
    title: 'Tên nhiệm vụ',
    leadUnit: 'Đơn vị chủ trì',
    coordinatingUnits: 'Đơn vị phối hợp',
    dueDate: 'Hạn xử lý',
    progress: 'Tiến độ (%)',
    status: 'Trạng thái',
    overdue: 'Quá hạn',
  },
  status: (s) => ({ IN_PROGRESS: 'Đang thực hiện', COMPLETED: 'Hoàn thành' })[s] ?? s,
  yes: 'Có',
  no: 'Không',
};

const tasks: ExportableTask[] = [
  {
    code: 'NV-2019-0010',
    title: 'Xây dựng Hệ thống Cổng thông tin nội bộ, "giai đoạn 1"',
    dueDate: '2019-12-31',
    status: 'IN_PROGRESS',
    progress: 40,
    isOverdue: true,
    leadUnit: { name: 'Trung tâm Tin học' },
    coordinatingUnits: [{ name: 'Cục Kiểm soát thủ tục hành chính' }, { name: 'Vụ Tổng hợp' }],
  },
  {
    code: 'NV-2026-0001',
    title: '=HYPERLINK("http://example.invalid")',
    dueDate: null,
    status: 'COMPLETED',
    progress: 100,
    isOverdue: false,
    leadUnit: { name: 'Trung tâm Tin học' },
    coordinatingUnits: [],
  },
];

describe('buildExportTable', () => {
  it('has the table’s columns in order and one row per task', () => {
    const table = buildExportTable(tasks, labels);
    expect(table.header).toEqual([
      'Mã',
      'Tên nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Hạn xử lý',
      'Tiến độ (%)',
      'Trạng thái',
      'Quá hạn',
    ]);
    expect(table.rows[0]).toEqual([
      'NV-2019-0010',
      'Xây dựng Hệ thống Cổng thông tin nội bộ, "giai đoạn 1"',
      'Trung tâm Tin học',
      'Cục Kiểm soát thủ tục hành chính; Vụ Tổng hợp',
      { date: '2019-12-31' },
      40,
      'Đang thực hiện',
      'Có',
    ]);
    expect(table.rows[1]?.[4]).toBeNull();
    expect(table.rows[1]?.[7]).toBe('Không');
  });
});

describe('toCsv', () => {
  const csv = toCsv(buildExportTable(tasks, labels));

  it('starts with a UTF-8 byte order mark and uses CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')).toHaveLength(4); // header, two rows, final empty
  });

  it('quotes fields with commas, quotes or semicolons, and writes dates as dd/MM/yyyy', () => {
    const row = csv.split('\r\n')[1];
    expect(row).toBe(
      'NV-2019-0010,"Xây dựng Hệ thống Cổng thông tin nội bộ, ""giai đoạn 1""",Trung tâm Tin học,' +
        '"Cục Kiểm soát thủ tục hành chính; Vụ Tổng hợp",31/12/2019,40,Đang thực hiện,Có',
    );
  });

  it('does not let a cell become a spreadsheet formula', () => {
    expect(csv.split('\r\n')[2]).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('Bình thường')).toBe('Bình thường');
  });

  it('names the file after the day', () => {
    expect(exportFileName('nhiem-vu', '2026-11-25', 'csv')).toBe('nhiem-vu-2026-11-25.csv');
    expect(isoToDayMonthYear('2019-09-17')).toBe('17/09/2019');
  });
});

describe('buildXlsx', () => {
  const bytes = buildXlsx(buildExportTable(tasks, labels), { sheetName: 'Nhiệm vụ' });
  const files = unzipSync(bytes);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());

  it('is a zip with the parts of a workbook', () => {
    expect(bytes[0]).toBe(0x50); // "PK"
    expect(bytes[1]).toBe(0x4b);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(strFromU8(files['xl/workbook.xml'] ?? new Uint8Array())).toContain(
      '<sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/>',
    );
  });

  it('writes a bold header row and escapes text', () => {
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Mã</t></is></c>');
    expect(sheet).toContain('nội bộ, &quot;giai đoạn 1&quot;');
    expect(sheet).toContain('<dimension ref="A1:H3"/>');
  });

  it('stores deadlines as real dates and numbers as numbers', () => {
    expect(sheet).toContain(`<c r="E2" s="2"><v>${excelSerial('2019-12-31')}</v></c>`);
    expect(sheet).toContain('<c r="F2"><v>40</v></c>');
    expect(sheet).not.toContain('r="E3"'); // no deadline: no cell
  });

  it('counts Excel days and columns like Excel', () => {
    expect(excelSerial('2019-09-17')).toBe(43725);
    expect(excelSerial('1900-03-01')).toBe(61);
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
    expect(safeSheetName('Nhiệm vụ [2019/2020]')).toBe('Nhiệm vụ  2019 2020');
  });
});
