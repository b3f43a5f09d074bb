using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Invoicing;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Billing.Demo;

/// <summary>
/// The demo's Finnish employer — a made-up company (Esimerkki Asennus Oy, Y-tunnus 1618033-3, OVT e-invoice address)
/// — invoiced for its employees' courses the way the accountant's form does it, under a fixed key so that seeding
/// again changes nothing. Staff find the invoice on <c>/operator/invoices</c>.
/// </summary>
internal sealed class BillingDemoSeed(BillingDb db, IssueEmployerInvoice invoices)
{
    public const string Key = "demo-employer-courses";

    public static readonly FinnishInvoicePayer Employer = new(
        "Esimerkki Asennus Oy", "1618033-3", "003716180333", "003721291126", null, "Sari Esimerkki", "sari.esimerkki@example.fi", "+358 40 000 0001", "Koulutustilaus 2026/12");

    public static readonly IReadOnlyList<FinnishInvoiceLine> Lines =
    [
        new("Työturvallisuuskorttikoulutus, 5 osallistujaa", 5, 120m, 25.5m),
        new("Tulityökorttikoulutus, 2 osallistujaa", 2, 145.50m, 25.5m),
    ];

    /// <summary>The demo invoice, issued now if it is not there yet.</summary>
    public async Task<DocumentRecord> SeedAsync(CancellationToken cancellationToken)
    {
        var outcome = await invoices.IssueAsync(new FinnishInvoiceRequested(IssueEmployerInvoice.Staff, Key, Employer, Lines), Guid.NewGuid(), null, cancellationToken);
        if (outcome.InvoiceId is not { } id)
        {
            throw new InvalidOperationException("The demo employer's invoice was refused: " + string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.English}")));
        }

        return outcome.Issued ?? await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
    }
}

/// <summary>In the demo (the embedded stand-ins on), the Finnish employer's invoice is there from the first start.</summary>
internal sealed class SeedBillingDemoOnStart(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BillingDemoSeed>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
