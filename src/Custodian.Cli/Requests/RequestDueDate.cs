using System.CommandLine;
using System.Globalization;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Requests.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Requests;

/// <summary>
/// <c>custodian requests due --law gdpr|152fz --received YYYY-MM-DD [--kind KIND] [--extended]</c>: the last day to answer a request
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
        var kind = new Option<RequestKind?>("--kind")
        {
            Description = "access (default) | portability | rectification | erasure | restriction | objection | consent-withdrawal: 152-FZ has its own periods for some.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (SubmitRequest.TryParseKind(text, out var parsed))
                {
                    return parsed;
                }

                result.AddError($"Unknown kind of request '{text}'; use access, portability, rectification, erasure, restriction, objection or consent-withdrawal.");
                return null;
            },
        };
        var extended = new Option<bool>("--extended") { Description = "The period was extended (GDPR: +2 months with reasons; 152-FZ: +5 working days with a reasoned notice)." };
        var due = new Command("due", "Print the statutory due date of a data-subject request.") { law, received, kind, extended };
        due.TreatUnmatchedTokensAsErrors = false;
        due.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(Print(services.GetRequiredService<StatutoryDeadlines>(), parseResult.GetValue(law), parseResult.GetValue(received), parseResult.GetValue(kind) ?? RequestKind.Access, parseResult.GetValue(extended))), ct, migrateFirst: false));
        return new Command("requests", "Data-subject requests.") { due };
    }

    private static int Print(StatutoryDeadlines deadlines, RequestLaw law, DateOnly received, RequestKind kind, bool extended)
    {
        try
        {
            Console.Out.WriteLine(deadlines.Due(law, received, extended, kind).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (ArgumentException e) when (e.ParamName == "extended")
        {
            Console.Error.WriteLine(e.Message.Split(" (Parameter")[0]);
            return CustodianCommand.UsageError;
        }
        catch (CalendarYearUnknownException e)
        {
            Console.Error.WriteLine(e.Message);
            return CustodianCommand.UsageError;
        }
    }
}
