using System.Text;
using Custodian.Modules.Marketplace.Economics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniExcelLibs;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Reading sellers' cost files: the encodings, separators and number formats Russian spreadsheets write, and every bad row with its line and reason.</summary>
public sealed class CostFileTests
{
    private static readonly Encoding Windows1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

    [Fact]
    public void A_windows_1251_file_with_semicolons_decimal_commas_and_digit_group_spaces_is_read()
    {
        var file = Windows1251.GetBytes("Артикул WB;Себестоимость;Действует с\r\n12345;1 234,50;01.11.2026\r\n67890;99;\r\n");

        var result = CostFile.Read(file);

        Assert.Empty(result.Errors);
        Assert.Equal([new CostLine(2, 12345, 1234.50m, new DateOnly(2026, 11, 1)), new CostLine(3, 67890, 99m, null)], result.Lines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_utf8_file_with_or_without_a_bom_and_commas_is_read(bool bom)
    {
        var text = Encoding.UTF8.GetBytes("SKU,Себестоимость\n111,\"10,5\"\n222,20.25\n");
        var file = bom ? [.. Encoding.UTF8.GetPreamble(), .. text] : text;

        var result = CostFile.Read(file);

        Assert.Empty(result.Errors);
        Assert.Equal([111L, 222L], result.Lines.Select(l => l.Sku));
        Assert.Equal([10.5m, 20.25m], result.Lines.Select(l => l.Cost));
    }

    [Fact]
    public void An_xlsx_file_is_read_from_its_first_sheet()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["SKU"] = 555L, ["Себестоимость"] = 320.4m, ["Действует с"] = new DateTime(2026, 10, 5) } }, excelType: ExcelType.XLSX);

        var result = CostFile.Read(stream.ToArray());

        Assert.Empty(result.Errors);
        Assert.Equal([new CostLine(2, 555, 320.4m, new DateOnly(2026, 10, 5))], result.Lines);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_reason()
    {
        var file = Encoding.UTF8.GetBytes("SKU;Себестоимость;Действует с\n1;-5;\n2;abc;\nx;10;\n3;10;32.13.2026\n4;10;\n4;11;\n5;1,999;\n");

        var result = CostFile.Read(file);

        Assert.False(result.Valid);
        Assert.Equal(
            [(2, "The cost is negative."), (3, "The cost is not a number."), (4, "The SKU is not a positive number."), (5, "The date is not a day written dd.mm.yyyy or yyyy-mm-dd."),
             (7, "The SKU is listed twice (first on line {0})."), (8, "The cost has more than two decimals or is implausibly large.")],
            result.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal("6", result.Errors.Single(e => e.Line == 7).Value);
    }

    [Theory]
    [InlineData("Name;Price\n1;2\n")]
    [InlineData("SKU\n1\n")]
    public void A_file_without_the_sku_and_cost_columns_is_refused_on_line_one(string text)
    {
        var result = CostFile.Read(Encoding.UTF8.GetBytes(text));

        Assert.Empty(result.Lines);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Binary_content_is_refused_as_not_text()
    {
        var result = CostFile.Read([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00]);

        Assert.Equal("The file is not text in UTF-8 or Windows-1251.", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void A_broken_xlsx_is_refused_not_thrown()
    {
        var result = CostFile.Read([(byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5]);

        Assert.Single(result.Errors);
        Assert.Empty(result.Lines);
    }

    [Property(MaxTest = 500)]
    public void Any_bytes_give_rows_or_row_errors_and_never_throw(byte[] bytes)
    {
        var result = CostFile.Read(bytes ?? []);

        Assert.True(result.Lines.Count > 0 || result.Errors.Count > 0);
        Assert.All(result.Lines, l => Assert.True(l.Sku > 0 && l.Cost >= 0m && l.Line >= 2));
    }

    [Property(MaxTest = 300)]
    public void Any_text_after_a_good_header_gives_one_outcome_per_row(NonNull<string>[] cells)
    {
        var body = string.Join("\n", (cells ?? []).Select(c => c.Get.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal) + ";1"));
        var result = CostFile.Read(Encoding.UTF8.GetBytes("SKU;Себестоимость\n" + body));

        Assert.All(result.Errors, e => Assert.True(e.Line is >= 0));
        Assert.True(result.Lines.Count + result.Errors.Count >= 1);
    }
}
