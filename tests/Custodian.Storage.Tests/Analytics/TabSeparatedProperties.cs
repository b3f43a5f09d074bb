using Custodian.Storage.Analytics.ClickHouse;
using FsCheck;
using FsCheck.Xunit;

namespace Custodian.Storage.Tests.Analytics;

public sealed class TabSeparatedProperties
{
    [Property(MaxTest = 500)]
    public bool Escaped_text_parses_back_to_the_same_text(NonNull<string> text) =>
        TabSeparated.ParseLine(TabSeparated.Escape(text.Get)) is [var only] && only == text.Get;

    [Property(MaxTest = 300)]
    public bool A_row_of_escaped_fields_splits_back_into_the_same_fields(NonEmptyArray<NonNull<string>> fields)
    {
        var values = fields.Get.Select(f => f.Get).ToList();
        var line = string.Join('\t', values.Select(TabSeparated.Escape));
        return TabSeparated.ParseLine(line).SequenceEqual(values);
    }

    [Property(MaxTest = 300)]
    public bool Escaped_text_never_contains_a_raw_separator(NonNull<string> text)
    {
        var escaped = TabSeparated.Escape(text.Get);
        return !escaped.Contains('\t', StringComparison.Ordinal) && !escaped.Contains('\n', StringComparison.Ordinal);
    }

    [Fact]
    public void Null_marker_and_the_text_backslash_N_stay_distinct()
    {
        var line = TabSeparated.Null + "\t" + TabSeparated.Escape("\\N") + "\t";

        var fields = TabSeparated.ParseLine(line);

        Assert.Equal([null, "\\N", ""], fields);
    }

    [Property(MaxTest = 300)]
    public bool Parsing_garbage_never_throws(NonNull<string> garbage) =>
        TabSeparated.ParseLine(garbage.Get) is { Count: > 0 };
}
