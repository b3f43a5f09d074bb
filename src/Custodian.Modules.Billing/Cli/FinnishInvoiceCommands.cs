using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Billing.Collection;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Invoicing;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Cli;

/// <summary>
/// <c>custodian billing invoice-fi issue</c>: the accountant's Finnish invoice of <c>/operator/invoices/new-fi</c>, from
/// flags or a JSON file (the payer and lines as <c>billing.finnish-invoice-requested.v1</c> writes them). With
/// <c>--key</c> (or <c>"key"</c> in the file) running it again issues nothing new and prints the same invoice.
/// </summary>
internal static class FinnishInvoiceCommands
{
    /// <summary>What <c>--file</c> holds.</summary>
    internal sealed record InvoiceFile(string? Key, FinnishInvoicePayer? Payer, List<FinnishInvoiceLine>? Lines, DateOnly? DueOn);

    public static Command InvoiceFi(IVerbHost host)
    {
        var file = new Option<FileInfo?>("--file") { Description = "A JSON file: {\"key\":\"…\",\"payer\":{\"name\",\"businessId\",\"eInvoiceAddress\",\"eInvoiceOperator\",\"postalAddress\",\"contactName\",\"contactEmail\",\"contactPhone\",\"buyerReference\"},\"lines\":[{\"description\",\"quantity\",\"unitPrice\",\"vatRate\"}],\"dueOn\":\"2026-12-21\"}." };
        var name = new Option<string?>("--name") { Description = "The company's name." };
        var businessId = new Option<string?>("--business-id") { Description = "Y-tunnus, e.g. 2077474-0." };
        var eInvoice = new Option<string?>("--e-invoice-address") { Description = "OVT code (0037…) or IBAN." };
        var eOperator = new Option<string?>("--e-invoice-operator") { Description = "The e-invoice operator's OVT code or BIC." };
        var postal = new Option<string?>("--postal-address") { Description = "Postal address (without an e-invoice address)." };
        var contact = new Option<string?>("--contact-name") { Description = "Contact person." };
        var email = new Option<string?>("--contact-email") { Description = "Contact's e-mail." };
        var phone = new Option<string?>("--contact-phone") { Description = "Contact's phone (optional)." };
        var buyerReference = new Option<string?>("--buyer-reference") { Description = "The buyer's reference (optional)." };
        var lines = new Option<string[]>("--line") { Description = "A line \"DESCRIPTION;QUANTITY;UNIT PRICE WITHOUT VAT[;VAT %]\" (repeat for several; VAT defaults to the configured rate)." };
        var due = new Option<string?>("--due") { Description = "Due date, yyyy-MM-dd (default: after the payment term)." };
        var key = new Option<string?>("--key") { Description = "A key of your own (at most 100 characters): running again with it prints the invoice issued before." };
        var json = new Option<bool>("--json") { Description = "Print the invoice as JSON." };
        var issue = new Command("issue", "Issue a Finnish invoice to an employer: reference number, virtual barcode, PDF and Finvoice on /operator/invoices.")
        {
            file, name, businessId, eInvoice, eOperator, postal, contact, email, phone, buyerReference, lines, due, key, json,
        };
        issue.TreatUnmatchedTokensAsErrors = false;
        issue.SetAction(async (parseResult, ct) =>
        {
            FinnishInvoiceRequested? fromFile = null;
            DateOnly? dueFromFile = null;
            EmployerInvoiceForm? form = null;
            var givenKey = parseResult.GetValue(key);
            if (parseResult.GetValue(file) is { } path)
            {
                // Read here, in the CLI's process: the verb may run in the service's, which need not see this path.
                if (!path.Exists)
                {
                    await Console.Error.WriteLineAsync($"{path.FullName}: no such file.");
                    return VerbExit.UsageError;
                }

                InvoiceFile? content;
                try
                {
                    content = JsonSerializer.Deserialize<InvoiceFile>(await File.ReadAllTextAsync(path.FullName, ct), EventJson.Options);
                }
                catch (JsonException e)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: not the invoice JSON ({e.Message})");
                    return VerbExit.UsageError;
                }

                if (content?.Payer is null)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: the payer is missing.");
                    return VerbExit.UsageError;
                }

                fromFile = new FinnishInvoiceRequested(IssueEmployerInvoice.Staff, givenKey ?? content.Key ?? Guid.NewGuid().ToString("N"), content.Payer, content.Lines ?? []);
                dueFromFile = content.DueOn;
            }
            else
            {
                var typed = new List<EmployerInvoiceForm.Line>();
                foreach (var line in parseResult.GetValue(lines) ?? [])
                {
                    var parts = line.Split(';');
                    if (parts.Length is < 3 or > 4)
                    {
                        await Console.Error.WriteLineAsync($"--line \"{line}\": write DESCRIPTION;QUANTITY;UNIT PRICE[;VAT %].");
                        return VerbExit.UsageError;
                    }

                    typed.Add(new(parts[0], parts[1], parts[2], parts.Length == 4 ? parts[3] : null));
                }

                form = new EmployerInvoiceForm(parseResult.GetValue(name), parseResult.GetValue(businessId), parseResult.GetValue(eInvoice), parseResult.GetValue(eOperator), parseResult.GetValue(postal),
                    parseResult.GetValue(contact), parseResult.GetValue(email), parseResult.GetValue(phone), parseResult.GetValue(buyerReference), parseResult.GetValue(due), typed);
            }

            return await host.RunAsync(BillingModule.Name, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
            {
                await using var scope = verb.Services.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var (request, dueOn, problems) = form is null
                    ? (fromFile!, dueFromFile, [])
                    : form.Read(givenKey ?? Guid.NewGuid().ToString("N"), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FinnishSupplierOptions>>().Value.VatRate);
                if (problems.Count > 0)
                {
                    await WriteProblemsAsync(verb.Error, problems, form);
                    return VerbExit.UsageError;
                }

                var outcome = await services.GetRequiredService<IssueEmployerInvoice>().IssueAsync(request, Guid.NewGuid(), dueOn, cancellationToken);
                if (outcome.InvoiceId is not { } id)
                {
                    await WriteProblemsAsync(verb.Error, outcome.Problems, form);
                    return VerbExit.UsageError;
                }

                var invoice = outcome.Issued ?? await services.GetRequiredService<BillingDb>().Documents.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
                if (outcome.Issued is not null)
                {
                    await services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent(verb.Actor, $"billing issue Finnish invoice {FinvoiceMessage.Number(invoice)}", Register: "billing-fi", Purpose: "invoicing"), cancellationToken);
                }

                var seller = IssueFinnishInvoice.Seller(invoice);
                var barcode = VirtualBarcode.TryCreate(seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn).Digits;
                if (parseResult.GetValue(json))
                {
                    await verb.WriteJsonAsync(new { id = invoice.Id, number = FinvoiceMessage.Number(invoice), reference = invoice.Reference, issuedOn = invoice.IssuedOn, dueOn = invoice.DueOn, total = invoice.Amount, vat = invoice.VatAmount, barcode, issuedBefore = outcome.Issued is null });
                }
                else
                {
                    var table = new VerbTable("invoice", "reference", "due", "total EUR", "virtual barcode", "page");
                    table.Add(FinvoiceMessage.Number(invoice) + (outcome.Issued is null ? " (issued before)" : string.Empty), invoice.Reference!,
                        invoice.DueOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), invoice.Amount.ToString("0.00", CultureInfo.InvariantCulture), barcode ?? "-", $"/operator/invoices/{invoice.Id}");
                    await verb.WriteAsync(table);
                }

                return VerbExit.Ok;
            }, VerbNeeds.None, ct);
        });
        return new Command("invoice-fi", "Finnish invoices to employers.") { issue, CollectionVerb(host) };
    }

    /// <summary><c>custodian billing invoice-fi collection --invoice 2026-7</c>: an overdue invoice was handed to debt collection.</summary>
    private static Command CollectionVerb(IVerbHost host)
    {
        var invoice = new Option<string>("--invoice") { Description = "The invoice's number as printed (2026-7) or its id.", Required = true };
        var collection = new Command("collection", "Mark an overdue, unpaid Finnish invoice as sent to debt collection; the module that requested it is told (billing.finnish-invoice-settled.v1).") { invoice };
        collection.TreatUnmatchedTokensAsErrors = false;
        collection.SetAction((parseResult, ct) => host.RunAsync(BillingModule.Name, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var given = parseResult.GetValue(invoice) ?? string.Empty;
            var outcome = await scope.ServiceProvider.GetRequiredService<SendInvoiceToCollection>().SendAsync(given.Trim(), verb.Actor, cancellationToken);
            var (text, exit) = outcome switch
            {
                SendInvoiceToCollection.Outcome.Sent => ("Marked as sent to debt collection.", VerbExit.Ok),
                SendInvoiceToCollection.Outcome.SentBefore => ("It was marked as sent to debt collection before.", VerbExit.Ok),
                SendInvoiceToCollection.Outcome.Paid => ("The invoice is paid: it cannot go to debt collection.", VerbExit.UsageError),
                SendInvoiceToCollection.Outcome.NotDue => ("The invoice is not overdue yet: only an invoice past its due date goes to debt collection.", VerbExit.UsageError),
                _ => ("No Finnish invoice has that number or id.", VerbExit.UsageError),
            };
            await (exit == VerbExit.Ok ? verb.Out : verb.Error).WriteLineAsync(text);
            return exit;
        }, VerbNeeds.None, ct));
        return collection;
    }

    /// <summary><c>custodian billing demo-seed</c>: the demo's Finnish employer and its invoice (idempotent).</summary>
    public static Command DemoSeed(IVerbHost host)
    {
        var seed = new Command("demo-seed", "Invoice the demo's Finnish employer (Esimerkki Asennus Oy) once; running again prints the same invoice.");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parseResult, ct) => host.RunAsync(BillingModule.Name, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var invoice = await scope.ServiceProvider.GetRequiredService<Demo.BillingDemoSeed>().SeedAsync(cancellationToken);
            await verb.Out.WriteLineAsync($"Demo invoice {FinvoiceMessage.Number(invoice)} to {Demo.BillingDemoSeed.Employer.Name}: /operator/invoices/{invoice.Id}");
            return VerbExit.Ok;
        }, VerbNeeds.None, ct));
        return seed;
    }

    private static async Task WriteProblemsAsync(TextWriter error, IEnumerable<RequestProblem> problems, EmployerInvoiceForm? form)
    {
        foreach (var problem in problems)
        {
            var field = form?.FieldOf(problem.Field) ?? problem.Field;
            await error.WriteLineAsync($"{field}: {problem.English}");
        }
    }
}
