using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>Notices and the record of processing as a standalone HTML page, Markdown, or JSON.</summary>
public static class NoticeRendering
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(NoticeDocument notice) => JsonSerializer.Serialize(notice, Json);

    public static string ToJson(IReadOnlyList<ProcessingActivity> record) => JsonSerializer.Serialize(new { activities = record }, Json);

    public static string ToMarkdown(NoticeDocument notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = new StringBuilder($"# {notice.Title}\n\n");
        foreach (var section in notice.Sections)
        {
            text.Append(CultureInfo.InvariantCulture, $"## {section.Heading}\n\n");
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append(paragraph).Append("\n\n");
            }

            foreach (var item in section.Items)
            {
                text.Append("- ").Append(item).Append('\n');
            }

            text.Append(section.Items.Count > 0 ? "\n" : string.Empty);
        }

        return text.Append(CultureInfo.InvariantCulture, $"_{notice.Closing}._\n").ToString();
    }

    public static string ToHtml(NoticeDocument notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new StringBuilder($"<h1>{E(notice.Title)}</h1>\n");
        foreach (var section in notice.Sections)
        {
            body.Append(CultureInfo.InvariantCulture, $"<section id=\"{E(section.Id)}\">\n<h2>{E(section.Heading)}</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
            }

            if (section.Items.Count > 0)
            {
                body.Append("<ul>\n").AppendJoin("", section.Items.Select(i => $"<li>{E(i)}</li>\n")).Append("</ul>\n");
            }

            body.Append("</section>\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"<footer>{E(notice.Closing)}</footer>\n");
        return Page(notice.Language, notice.Title, body.ToString());
    }

    public static string ToHtml(IReadOnlyList<ProcessingActivity> record, string language)
    {
        ArgumentNullException.ThrowIfNull(record);
        string W(string english) => NoticeWords.Phrase(language, english);
        var title = W("Record of processing activities");
        var body = new StringBuilder($"<h1>{E(title)}</h1>\n");
        foreach (var activity in record)
        {
            body.Append(CultureInfo.InvariantCulture, $"<section id=\"{E(activity.Register)}\">\n<h2>{E(activity.Title)} ({E(activity.Law)}, {E(activity.Role)})</h2>\n<dl>\n");
            Row(body, W("Controller"), [activity.Controller]);
            Row(body, W("Processor"), activity.Processor is null ? [] : [activity.Processor]);
            Row(body, W("Data protection officer"), activity.ProtectionOfficer is null ? [] : [activity.ProtectionOfficer]);
            Row(body, W("Purposes and legal bases"), activity.Purposes);
            Row(body, W("Data subjects"), activity.Subjects);
            Row(body, W("Personal data processed"), activity.Categories);
            Row(body, W("Recipients"), activity.Recipients);
            Row(body, W("Transfers outside the territory"), [activity.Transfers]);
            Row(body, W("Retention"), activity.Retention);
            Row(body, W("Security measures"), activity.SecurityMeasures);
            body.Append("</dl>\n</section>\n");
        }

        return Page(language, title, body.ToString());
    }

    private static void Row(StringBuilder body, string term, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd><ul>").AppendJoin("", values.Select(v => $"<li>{E(v)}</li>")).Append("</ul></dd>\n");
        }
    }

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}h2{margin-top:2rem}footer{margin-top:3rem;color:#555;font-size:.9rem}dt{font-weight:600;margin-top:.6rem}";

    private static string Page(string language, string title, string body) =>
        $"<!DOCTYPE html>\n<html lang=\"{E(language)}\">\n<head><meta charset=\"utf-8\"><title>{E(title)}</title>\n<style>{Style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
