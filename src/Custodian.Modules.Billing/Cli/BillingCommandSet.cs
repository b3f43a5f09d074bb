using System.CommandLine;
using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Modules.Billing.Cli;

/// <summary>Billing's verbs for the <c>custodian</c> command: <c>billing words</c>, <c>billing barcode</c>, <c>billing statement import</c>, <c>billing subscription show|cancel|resume</c>, <c>billing invoice-fi issue</c>, <c>billing demo-seed</c>.</summary>
public static class BillingCommandSet
{
    public static void AddBillingCommands(this Command root, IVerbHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(host);
        root.Subcommands.Add(new Command("billing", "Invoices and payments: amounts in words, Finnish virtual barcodes, bank statements, renewals of sellers' plans, Finnish invoices.")
        {
            DocumentCommands.Words(),
            DocumentCommands.Barcode(),
            StatementCommands.Statement(host),
            SubscriptionCommands.Subscription(host),
            FinnishInvoiceCommands.InvoiceFi(host),
            FinnishInvoiceCommands.DemoSeed(host),
        });
    }
}
