using System.CommandLine;
using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Cli.Identifiers;

/// <summary>
/// <c>custodian id validate --type hetu VALUE...</c> (or one value per line on stdin): prints
/// <c>VALUE&lt;TAB&gt;valid</c> or <c>VALUE&lt;TAB&gt;invalid&lt;TAB&gt;reason</c> per value (a third column notes a valid
/// but notable value, such as a temporary HETU). Exit 0 when all are valid, 1 otherwise.
/// </summary>
internal static class ValidateIdentifiers
{
    public static Command Create()
    {
        var type = new Option<IdentifierType>("--type", "-t")
        {
            Description = "hetu | ytunnus | inn | kpp | ogrn | ogrnip | email | phone | ru-account (BIC:ACCOUNT) | viite | rf-reference | iban",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (Identifier.Named(text) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"Unknown identifier type '{text}'; use one of: {string.Join(", ", Enum.GetValues<IdentifierType>().Select(Identifier.NameOf))}.");
                return default;
            },
        };
        var values = new Argument<string[]>("values")
        {
            Description = "Values to check; without any, one value per line is read from standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("validate", "Check identifiers and say precisely why one is invalid.") { type, values };
        command.SetAction(async (parseResult, cancellationToken) =>
            await RunAsync(parseResult.GetValue(type), parseResult.GetValue(values) ?? [], Console.In, Console.Out, cancellationToken));
        return new Command("id", "Personal, business and payment identifiers (HETU, Y-tunnus, INN, KPP, OGRN, OGRNIP, e-mail, phone, Russian bank account, Finnish and RF reference, IBAN).") { command };
    }

    internal static async Task<int> RunAsync(IdentifierType type, string[] values, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (values.Length == 0 && !Console.IsInputRedirected && ReferenceEquals(input, Console.In))
        {
            await Console.Error.WriteLineAsync("Give values to check, or pipe one value per line on standard input.");
            return CustodianCommand.UsageError;
        }

        var allValid = true;
        await foreach (var value in Values(values, input, cancellationToken))
        {
            var check = Identifier.Check(type, value);
            allValid &= check.IsValid;
            var line = check.IsValid
                ? $"{value}\tvalid{(check.Note is null ? "" : "\t" + check.Note)}"
                : $"{value}\tinvalid\t{check.Reason}";
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        return allValid ? 0 : 1;
    }

    private static async IAsyncEnumerable<string> Values(string[] values, TextReader input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (values.Length > 0)
        {
            foreach (var value in values)
            {
                yield return value;
            }

            yield break;
        }

        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length > 0)
            {
                yield return line.Trim();
            }
        }
    }
}
