using System.Reflection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Custodian.Privacy;

/// <summary>One block of a simple PDF: a heading or a paragraph, its size, and whether it is a bulleted item.</summary>
public readonly record struct PdfBlock(string Text, bool Heading, double Size, bool Bullet)
{
    public static PdfBlock Title(string text) => new(text, true, 15, false);

    public static PdfBlock Section(string text) => new(text, true, 12, false);

    public static PdfBlock Term(string text) => new(text, true, 10, false);

    public static PdfBlock Paragraph(string text, double size = 10) => new(text, false, size, false);

    public static PdfBlock Item(string text, double size = 10) => new(text, false, size, true);
}

/// <summary>
/// Generated documents as PDF (A4, DejaVu Sans embedded so Finnish and Cyrillic render): headings, paragraphs and
/// bulleted items with line wrapping and page breaks. Enough for notices, records of processing and acts.
/// </summary>
public static class PdfText
{
    private const double Margin = 56;
    private const double Width = 595 - (2 * Margin);
    private static readonly byte[] Regular = Font("DejaVuSans.ttf");
    private static readonly byte[] Bold = Font("DejaVuSans-Bold.ttf");

    public static byte[] Render(IReadOnlyList<PdfBlock> blocks)
    {
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddTrueTypeFont(Regular);
        var bold = builder.AddTrueTypeFont(Bold);
        var page = builder.AddPage(PageSize.A4);
        var y = 842 - Margin;
        ArgumentNullException.ThrowIfNull(blocks);
        foreach (var (text, heading, size, bullet) in blocks)
        {
            var font = heading ? bold : regular;
            var indent = bullet ? 12 : 0;
            y -= heading ? size * 0.8 : 0;
            foreach (var line in Wrap(page, text, font, size, Width - indent))
            {
                if (y - size < Margin)
                {
                    page = builder.AddPage(PageSize.A4);
                    y = 842 - Margin;
                }

                y -= size * 1.35;
                if (bullet && line.First)
                {
                    page.AddText("•", size, new PdfPoint(Margin, y), regular);
                }

                page.AddText(line.Text, size, new PdfPoint(Margin + indent, y), font);
            }

            y -= size * 0.4;
        }

        return builder.Build();
    }

    private static IEnumerable<(string Text, bool First)> Wrap(PdfPageBuilder page, string text, PdfDocumentBuilder.AddedFont font, double size, double width)
    {
        var line = string.Empty;
        var first = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(page, candidate, font, size) > width)
            {
                yield return (line, first);
                first = false;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            yield return (line, first);
        }
    }

    private static double Measure(PdfPageBuilder page, string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
    }

    private static byte[] Font(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("fonts/" + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
