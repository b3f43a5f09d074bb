namespace Custodian.Privacy.Abstractions.Scheduling;

/// <summary>A failure's cause in one line for logs, health and stored errors: types and messages down to the innermost, no stack trace.</summary>
public static class FailureText
{
    public static string Of(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var parts = new List<string>();
        for (var e = failure; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }

        var text = string.Join(" ← ", parts);
        return text.Length > 400 ? text[..400] + "…" : text;
    }
}
