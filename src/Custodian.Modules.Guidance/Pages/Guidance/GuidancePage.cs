using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>What every guidance page needs: the signed-in staff account, and dates in the page's culture.</summary>
internal abstract class GuidancePage : PageModel
{
    public string? Problem { get; protected set; }

    public string? Message { get; protected set; }

    protected string Account => User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? string.Empty;

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    public static string Day(DateTime utc) => utc.ToString("d", CultureInfo.CurrentCulture);

    public static string Moment(DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>
    /// A meeting's day and times in Finnish local time (Europe/Helsinki) and in the Finnish way of writing them
    /// (<c>18.11.2026 14.00–15.00</c>), whatever the page's language; only the weekday's name follows the page.
    /// </summary>
    public static string Meeting(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var (start, end) = (Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(startsAtUtc), Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(endsAtUtc));
        return $"{start.ToString("ddd", CultureInfo.CurrentCulture)} {start.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} {start.ToString("H.mm", CultureInfo.InvariantCulture)}–{end.ToString("H.mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A day heading in Finnish local time, written the Finnish way, with the weekday in the page's language.</summary>
    public static string LongDay(DateTime utc)
    {
        var local = Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(utc);
        return $"{local.ToString("dddd", CultureInfo.CurrentCulture)} {local.ToString("d.M.yyyy", CultureInfo.InvariantCulture)}";
    }

    /// <summary>What an access-list line says was viewed, as a heading of the record names it.</summary>
    public static string WhatLabel(string what) => what switch
    {
        "basic data" => "Basic data",
        "consent" => "Written consent",
        "assessments" => "Assessments",
        "coaching entries" => "Coaching entries",
        "messages" => "Questions to the client",
        "statements" => "Statements",
        "goals and plan" => "Goals and plan",
        "attachments" => "Attachments",
        "appointments" => "Appointments",
        _ => "Other",
    };

    protected void Refused(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
