using System.CommandLine;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Registers;

/// <summary>
/// <c>custodian registers notice NAME --lang ru|fi|en [--format html|markdown|json|pdf]</c> and
/// <c>custodian registers ropa [--format html|json|pdf] [--lang en]</c> and
/// <c>custodian registers policy [--operator INN] [--lang ru|en] [--format html|markdown|json|pdf] [--pdf FILE]</c>:
/// documents generated from the declarations.
/// </summary>
internal static class GeneratedNotices
{
    public static IEnumerable<Command> Create()
    {
        var name = new Argument<string>("name") { Description = "Register id, e.g. marketplace-sellers." };
        var language = Choice("--lang", "Language: en | fi | ru.", ["en", "fi", "ru"], required: true);
        var format = Choice("--format", "html (default) | markdown | json | pdf.", ["html", "markdown", "json", "pdf"], required: false);
        var notice = new Command("notice", "Print the privacy notice (policy) of a register, generated from its declaration.") { name, language, format };
        notice.TreatUnmatchedTokensAsErrors = false;
        notice.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(PrintNotice(Catalog(services), parseResult.GetValue(name)!, parseResult.GetValue(language)!, parseResult.GetValue(format) ?? "html")), ct, migrateFirst: false));

        var ropaLanguage = Choice("--lang", "Language: en (default) | fi | ru.", ["en", "fi", "ru"], required: false);
        var ropaFormat = Choice("--format", "html (default) | json | pdf.", ["html", "json", "pdf"], required: false);
        var ropa = new Command("ropa", "Print the record of processing activities (GDPR art. 30) of every register.") { ropaLanguage, ropaFormat };
        ropa.TreatUnmatchedTokensAsErrors = false;
        ropa.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
        {
            var lang = parseResult.GetValue(ropaLanguage) ?? "en";
            var record = RecordOfProcessing.Build(Catalog(services), lang);
            switch (parseResult.GetValue(ropaFormat))
            {
                case "pdf":
                    WriteBinary(NoticePdf.Render(record, lang));
                    break;
                case "json":
                    Console.Out.Write(NoticeRendering.ToJson(record) + "\n");
                    break;
                default:
                    Console.Out.Write(NoticeRendering.ToHtml(record, lang));
                    break;
            }

            return Task.FromResult(0);
        }, ct, migrateFirst: false));
        var policyOperator = new Option<string?>("--operator") { Description = "INN of the Russian operator (needed only when registers name several)." };
        var policyLanguage = Choice("--lang", "Language: ru (default) | en.", ["ru", "en"], required: false);
        var policyFormat = Choice("--format", "html (default) | markdown | json | pdf.", ["html", "markdown", "json", "pdf"], required: false);
        var policyPdf = new Option<FileInfo?>("--pdf") { Description = "Also write the policy as PDF to this file." };
        var policy = new Command("policy", "Print the Russian operator's personal-data processing policy (152-FZ art. 18.1), generated from its registers.") { policyOperator, policyLanguage, policyFormat, policyPdf };
        policy.TreatUnmatchedTokensAsErrors = false;
        policy.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(PrintPolicy(Catalog(services), services.GetRequiredService<IPublicLinks>(), parseResult.GetValue(policyOperator), parseResult.GetValue(policyLanguage) ?? "ru",
                parseResult.GetValue(policyFormat), parseResult.GetValue(policyPdf))), ct, migrateFirst: false));
        return [notice, ropa, policy];
    }

    private static RegisterCatalog Catalog(IServiceProvider services) => RegisterCatalog.Load(PrivacyKernel.RegistersPath(services.GetRequiredService<IConfiguration>()));

    private static int PrintNotice(RegisterCatalog catalog, string id, string language, string format)
    {
        if (catalog.Find(id) is not { } register)
        {
            Console.Error.WriteLine($"No register '{id}'. Known: {string.Join(", ", catalog.Registers.Select(r => r.Id).Order(StringComparer.Ordinal))}.");
            return CustodianCommand.UsageError;
        }

        var notice = PrivacyNotice.Build(register, language);
        if (format == "pdf")
        {
            WriteBinary(NoticePdf.Render(notice));
            return 0;
        }

        Console.Out.Write(format switch
        {
            "json" => NoticeRendering.ToJson(notice) + "\n",
            "markdown" => NoticeRendering.ToMarkdown(notice),
            _ => NoticeRendering.ToHtml(notice),
        });
        return 0;
    }

    /// <summary>The policy to standard output in the format, and with <c>--pdf</c> to that file (then printed only if a format is named).</summary>
    private static int PrintPolicy(RegisterCatalog catalog, IPublicLinks links, string? inn, string language, string? format, FileInfo? pdf)
    {
        var (chosen, problem) = OperatorPolicy.Choose(catalog, inn);
        if (chosen is null)
        {
            Console.Error.WriteLine(problem);
            return CustodianCommand.UsageError;
        }

        var policy = OperatorPolicy.Build(chosen, language, links.Link);
        if (pdf is not null)
        {
            File.WriteAllBytes(pdf.FullName, NoticePdf.Render(policy));
            Console.Error.WriteLine($"Wrote {pdf.FullName} (version {policy.Version}).");
            if (format is null)
            {
                return 0;
            }
        }

        if (format == "pdf")
        {
            WriteBinary(NoticePdf.Render(policy));
            return 0;
        }

        Console.Out.Write(format switch
        {
            "json" => NoticeRendering.ToJson(policy) + "\n",
            "markdown" => NoticeRendering.ToMarkdown(policy),
            _ => NoticeRendering.ToHtml(policy),
        });
        return 0;
    }

    /// <summary>Binary output (PDF) straight to standard output, for a redirect to a file.</summary>
    internal static void WriteBinary(byte[] bytes)
    {
        Console.Out.Flush();
        using var output = Console.OpenStandardOutput();
        output.Write(bytes);
    }

    private static Option<string> Choice(string name, string description, string[] allowed, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (allowed.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }

            result.AddError($"{name}: '{text}' is not one of {string.Join(", ", allowed)}.");
            return null;
        },
    };
}
