namespace Custodian.Privacy.Declarations.Notices;

/// <summary>Notices and the record of processing as PDF.</summary>
public static class NoticePdf
{
    public static byte[] Render(NoticeDocument notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var blocks = new List<PdfBlock> { PdfBlock.Title(notice.Title) };
        foreach (var section in notice.Sections)
        {
            blocks.Add(PdfBlock.Section(section.Heading));
            blocks.AddRange(section.Paragraphs.Select(p => PdfBlock.Paragraph(p)));
            blocks.AddRange(section.Items.Select(i => PdfBlock.Item(i)));
        }

        blocks.Add(PdfBlock.Paragraph(notice.Closing, 8));
        return PdfText.Render(blocks);
    }

    public static byte[] Render(IReadOnlyList<ProcessingActivity> record, string language)
    {
        ArgumentNullException.ThrowIfNull(record);
        string W(string english) => NoticeWords.Phrase(language, english);
        var blocks = new List<PdfBlock> { PdfBlock.Title(W("Record of processing activities")) };
        foreach (var a in record)
        {
            blocks.Add(PdfBlock.Section($"{a.Title} ({a.Law}, {a.Role})"));
            void Row(string term, IEnumerable<string> values)
            {
                var list = values.ToList();
                if (list.Count > 0)
                {
                    blocks.Add(PdfBlock.Term(term));
                    blocks.AddRange(list.Select(v => PdfBlock.Item(v, 9)));
                }
            }

            Row(W("Controller"), [a.Controller]);
            Row(W("Processor"), a.Processor is null ? [] : [a.Processor]);
            Row(W("Purposes and legal bases"), a.Purposes);
            Row(W("Data subjects"), a.Subjects);
            Row(W("Personal data processed"), a.Categories);
            Row(W("Recipients"), a.Recipients);
            Row(W("Transfers outside the territory"), [a.Transfers]);
            Row(W("Retention"), a.Retention);
            Row(W("Security measures"), a.SecurityMeasures);
        }

        return PdfText.Render(blocks);
    }
}
