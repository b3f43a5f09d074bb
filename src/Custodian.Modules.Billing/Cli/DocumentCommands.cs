using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Modules.Billing.Cli;

/// <summary>
/// Verbs that compute what a document prints from their arguments alone. They need neither the records database nor
/// the running service, so they run in the CLI's own process (not through <see cref="IVerbHost"/>).
/// </summary>
internal static class DocumentCommands
{
    /// <summary><c>custodian billing words 1234.56</c> → <c>Одна тысяча двести тридцать четыре рубля 56 копеек</c>.</summary>
    public static Command Words()
    {
        var amount = new Argument<string>("amount") { Description = "Rubles and kopecks, e.g. 1234.56 (a point or a comma before the kopecks)." };
        var command = new Command("words", "An amount in rubles in words, as Russian invoices write it.") { amount };
        command.SetAction(parseResult =>
        {
            if (ParseAmount(parseResult.GetValue(amount)) is not { } value)
            {
                return Refuse("Not an amount: write rubles and kopecks as digits, e.g. 1234.56.");
            }

            var (words, problem) = RublesInWords.TryFormat(value);
            if (words is null)
            {
                return Refuse(problem!);
            }

            Console.Out.WriteLine(words);
            return VerbExit.Ok;
        });
        return command;
    }

    /// <summary><c>custodian billing barcode --iban FI… --amount 12.25 --reference 11112 --due 2026-12-31</c>: the 54 digits.</summary>
    public static Command Barcode()
    {
        var iban = new Option<string>("--iban") { Description = "The payee's Finnish IBAN.", Required = true };
        var amount = new Option<string>("--amount") { Description = "Euros and cents, e.g. 12.25.", Required = true };
        var reference = new Option<string>("--reference") { Description = "A Finnish reference (viitenumero) or an RF reference of digits.", Required = true };
        var due = new Option<string?>("--due") { Description = "Due date, yyyy-MM-dd (without it the barcode carries none)." };
        var command = new Command("barcode", "The Finnish virtual barcode (virtuaaliviivakoodi): version 4 for a national reference, 5 for an RF reference.") { iban, amount, reference, due };
        command.SetAction(parseResult =>
        {
            if (ParseAmount(parseResult.GetValue(amount)) is not { } euros)
            {
                return Refuse("--amount: not an amount: write euros and cents as digits, e.g. 12.25.");
            }

            DateOnly? dueDate = null;
            if (parseResult.GetValue(due) is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return Refuse("--due: not a date: write yyyy-MM-dd, e.g. 2026-12-31.");
                }

                dueDate = day;
            }

            var (digits, problem) = VirtualBarcode.TryCreate(parseResult.GetValue(iban)!, euros, parseResult.GetValue(reference)!, dueDate);
            if (digits is null)
            {
                return Refuse(problem!);
            }

            Console.Out.WriteLine(digits);
            return VerbExit.Ok;
        });
        return command;
    }

    /// <summary>Digits with at most one point or comma before the fraction; no signs, spaces or thousands separators.</summary>
    internal static decimal? ParseAmount(string? text)
    {
        if (text is null || text.Length is 0 or > 30 || text.Count(c => c is '.' or ',') > 1 || !text.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
        {
            return null;
        }

        return decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static int Refuse(string problem)
    {
        Console.Error.WriteLine(problem);
        return VerbExit.UsageError;
    }
}
