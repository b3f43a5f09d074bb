using System.Globalization;
using System.Security.Claims;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>What every training page needs: the signed-in staff account, and Finnish days, times and euros.</summary>
internal abstract class TrainingPage : PageModel
{
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");

    public string? Problem { get; protected set; }

    public string? Message { get; protected set; }

    protected string Account => User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? string.Empty;

    /// <summary>Finnish texts on a Finnish page, English ones otherwise (the register's two languages).</summary>
    public static bool InFinnish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fi";

    public static string Pick(string fi, string en) => InFinnish ? fi : en;

    /// <summary>A session's day and times in Finnish local time, written the Finnish way (<c>ma 14.12.2026 8.00–16.00</c>); the weekday follows the page's language.</summary>
    public static string When(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var (start, end) = (LocalDays.HelsinkiTime(startsAtUtc), LocalDays.HelsinkiTime(endsAtUtc));
        return $"{start.ToString("ddd", CultureInfo.CurrentCulture)} {start.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} {start.ToString("H.mm", CultureInfo.InvariantCulture)}–{end.ToString("H.mm", CultureInfo.InvariantCulture)}";
    }

    public static string Day(DateOnly day) => day.ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    /// <summary>Euros the Finnish way whatever the page's language: <c>1 234,50 €</c>.</summary>
    public static string Euros(decimal amount) => amount.ToString("#,##0.00", Finnish) + " €";

    protected void Refused(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
