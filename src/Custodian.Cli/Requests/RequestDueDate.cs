using System.CommandLine;
using System.Globalization;
using Custodian.Privacy.Requests.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Requests;

/// <summary>
/// <c>custodian requests due --law gdpr|152fz --received YYYY-MM-DD [--extended]</c>: the last day to answer a request
/// that arrived on paper, as <c>YYYY-MM-DD</c>. A malformed date or one outside the known calendar years exits 2.
/// </summary>
internal static class RequestDueDate
{
    public static Command Create()
    {
        var law = new Option<RequestLaw>("--law")
        {
            Description = "gdpr (one month, Finnish holidays) | 152fz (10 working days, Russian production calendar)",
            Required = true,
            CustomParser = result =>
            {
                switch (result.Tokens.Count == 1 ? result.Tokens[0].Value.ToLowerInvariant() : string.Empty)
                {
                    case "gdpr":
                        return RequestLaw.Gdpr;
                    case "152fz" or "152-fz":
                        return RequestLaw.Ru152Fz;
                    case var other:
                        result.AddError($"Unknown law '{other}'; use gdpr or 152fz.");
                        return default;
                }
            },
        };
        var received = new Option<DateOnly>("--received")
        {
            Description = "Day the request was received, YYYY-MM-DD.",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }

                result.AddError($"'{text}' is not a date; write the day the request was received as YYYY-MM-DD, e.g. 2026-03-05.");
                return default;
            },
        };
        var extended = new Option<bool>("--extended") { Description = "The period was extended (GDPR: +2 months with reasons; 152-FZ: +5 working days with a reasoned notice)." };
        var due = new Command("due", "Print the statutory due date of a data-subject request.") { law, received, extended };
        due.TreatUnmatchedTokensAsErrors = false;
        due.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(Print(services.GetRequiredService<StatutoryDeadlines>(), parseResult.GetValue(law), parseResult.GetValue(received), parseResult.GetValue(extended))), ct, migrateFirst: false));
        return new Command("requests", "Data-subject requests.") { due };
    }

    private static int Print(StatutoryDeadlines deadlines, RequestLaw law, DateOnly received, bool extended)
    {
        try
        {
            Console.Out.WriteLine(deadlines.Due(law, received, extended).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (CalendarYearUnknownException e)
        {
            Console.Error.WriteLine(e.Message);
            return CustodianCommand.UsageError;
        }
    }
}
